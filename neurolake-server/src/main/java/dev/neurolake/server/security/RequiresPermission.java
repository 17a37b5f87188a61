package dev.neurolake.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission an endpoint requires. Every handler method must carry one: the
 * server refuses to start otherwise, and the endpoint × role test is generated from these.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission
{
    Permission value();
}
