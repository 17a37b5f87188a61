package dev.neurolake.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the NeuroLake server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NeuroLakeApplication
{
    public static void main(String[] args)
    {
        SpringApplication.run(NeuroLakeApplication.class, args);
    }
}
