package dev.neurolake.server.security;

import dev.neurolake.governance.Role;
import dev.neurolake.server.NeuroLakeProperties;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Turns a validated JWT into a principal: username and roles from the configured claims. */
final class SsoAuthenticationConverter
        implements Converter<Jwt, AbstractAuthenticationToken>
{
    private final Principals principals;
    private final NeuroLakeProperties.Oidc oidc;

    SsoAuthenticationConverter(Principals principals, NeuroLakeProperties.Oidc oidc)
    {
        this.principals = requireNonNull(principals, "principals is null");
        this.oidc = requireNonNull(oidc, "oidc is null");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt)
    {
        String username = jwt.hasClaim(oidc.usernameClaim()) ? jwt.getClaimAsString(oidc.usernameClaim()) : jwt.getSubject();
        return new NeuroLakeAuthentication(principals.forSso(username, roles(jwt)));
    }

    private Set<Role> roles(Jwt jwt)
    {
        Object claim = jwt.getClaim(oidc.roleClaim());
        Collection<?> values = switch (claim) {
            case null -> List.of();
            case Collection<?> collection -> collection;
            default -> List.of(claim.toString().split("[ ,]+"));
        };
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object value : values) {
            String name = value.toString();
            String mapped = oidc.roleMapping().getOrDefault(name, name).toUpperCase(Locale.ROOT);
            for (Role role : Role.values()) {
                if (role.name().equals(mapped)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
