package dev.neurolake.server.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static java.util.Objects.requireNonNull;

/** An authenticated {@link NeuroLakePrincipal}; its authorities are its permissions. */
public final class NeuroLakeAuthentication
        extends AbstractAuthenticationToken
{
    private final NeuroLakePrincipal principal;

    public NeuroLakeAuthentication(NeuroLakePrincipal principal)
    {
        super(requireNonNull(principal, "principal is null").permissions().stream().map(permission -> new SimpleGrantedAuthority(permission.name())).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials()
    {
        return "";
    }

    @Override
    public NeuroLakePrincipal getPrincipal()
    {
        return principal;
    }

    @Override
    public String getName()
    {
        return principal.username();
    }
}
