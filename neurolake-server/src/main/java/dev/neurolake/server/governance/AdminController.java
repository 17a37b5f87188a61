package dev.neurolake.server.governance;

import dev.neurolake.governance.Governance;
import dev.neurolake.governance.Grant;
import dev.neurolake.governance.GroupStore;
import dev.neurolake.governance.Privilege;
import dev.neurolake.governance.Role;
import dev.neurolake.governance.User;
import dev.neurolake.server.security.AuthController;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Users, groups, grants and everyone's API keys. Admins only; every change is audited. */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminController
{
    private final Governance governance;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;

    public AdminController(Governance governance, PasswordEncoder passwordEncoder, AuditTrail audit)
    {
        this.governance = requireNonNull(governance, "governance is null");
        this.passwordEncoder = requireNonNull(passwordEncoder, "passwordEncoder is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Operation(summary = "List users")
    @RequiresPermission(Permission.ADMIN)
    @GetMapping("/users")
    public List<UserResponse> users()
    {
        return governance.users().list().stream().map(UserResponse::of).toList();
    }

    @Operation(summary = "Create a user")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/users")
    public ResponseEntity<UserResponse> createUser(@Valid @RequestBody CreateUserBody body)
    {
        User user = governance.users().create(body.username(), passwordEncoder.encode(body.password()), roles(body.roles()));
        audit.record("USER_CREATE", user.username(), "SUCCEEDED", Map.of("roles", body.roles()));
        return ResponseEntity.status(201).body(UserResponse.of(user));
    }

    @Operation(summary = "One user")
    @RequiresPermission(Permission.ADMIN)
    @GetMapping("/users/{username}")
    public UserResponse user(@PathVariable("username") String username)
    {
        return UserResponse.of(governance.users().require(username));
    }

    @Operation(summary = "Replace a user's roles")
    @RequiresPermission(Permission.ADMIN)
    @PutMapping("/users/{username}/roles")
    public UserResponse setRoles(@PathVariable("username") String username, @Valid @RequestBody RolesBody body)
    {
        governance.users().setRoles(username, roles(body.roles()));
        audit.record("USER_ROLES", username, "SUCCEEDED", Map.of("roles", body.roles()));
        return user(username);
    }

    @Operation(summary = "Disable a user: their sessions and API keys stop working at once")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/users/{username}/disable")
    public UserResponse disable(@PathVariable("username") String username)
    {
        governance.users().setEnabled(username, false);
        audit.record("USER_DISABLE", username, "SUCCEEDED", Map.of());
        return user(username);
    }

    @Operation(summary = "Enable a user")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/users/{username}/enable")
    public UserResponse enable(@PathVariable("username") String username)
    {
        governance.users().setEnabled(username, true);
        audit.record("USER_ENABLE", username, "SUCCEEDED", Map.of());
        return user(username);
    }

    @Operation(summary = "Set a user's password (also unlocks the account)")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/users/{username}/password")
    public ResponseEntity<Void> resetPassword(@PathVariable("username") String username, @Valid @RequestBody PasswordBody body)
    {
        governance.users().setPassword(username, passwordEncoder.encode(body.password()));
        audit.record("USER_PASSWORD_RESET", username, "SUCCEEDED", Map.of());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List groups with their members")
    @RequiresPermission(Permission.ADMIN)
    @GetMapping("/groups")
    public List<GroupStore.Group> groups()
    {
        return governance.groups().list();
    }

    @Operation(summary = "Create a group")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/groups")
    public ResponseEntity<GroupStore.Group> createGroup(@Valid @RequestBody GroupBody body)
    {
        GroupStore.Group group = governance.groups().create(body.name());
        audit.record("GROUP_CREATE", body.name(), "SUCCEEDED", Map.of());
        return ResponseEntity.status(201).body(group);
    }

    @Operation(summary = "Delete a group (its grants stay until revoked)")
    @RequiresPermission(Permission.ADMIN)
    @DeleteMapping("/groups/{name}")
    public ResponseEntity<Void> deleteGroup(@PathVariable("name") String name)
    {
        governance.groups().delete(name);
        audit.record("GROUP_DELETE", name, "SUCCEEDED", Map.of());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Add a user to a group")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/groups/{name}/members")
    public GroupStore.Group addMember(@PathVariable("name") String name, @Valid @RequestBody MemberBody body)
    {
        governance.users().require(body.username());
        governance.groups().addMember(name, body.username());
        audit.record("GROUP_MEMBER_ADD", name, "SUCCEEDED", Map.of("username", body.username()));
        return governance.groups().require(name);
    }

    @Operation(summary = "Remove a user from a group")
    @RequiresPermission(Permission.ADMIN)
    @DeleteMapping("/groups/{name}/members/{username}")
    public GroupStore.Group removeMember(@PathVariable("name") String name, @PathVariable("username") String username)
    {
        governance.groups().removeMember(name, username);
        audit.record("GROUP_MEMBER_REMOVE", name, "SUCCEEDED", Map.of("username", username));
        return governance.groups().require(name);
    }

    @Operation(summary = "List grants, optionally of one user or group")
    @RequiresPermission(Permission.ADMIN)
    @GetMapping("/grants")
    public List<Grant> grants(@RequestParam(name = "grantee", required = false) String grantee)
    {
        return governance.grants().list(Optional.ofNullable(grantee));
    }

    @Operation(summary = "Grant READ or WRITE on a namespace (no table) or a table to a user or group")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/grants")
    public ResponseEntity<Grant> grant(@Valid @RequestBody GrantBody body)
    {
        Grant.GranteeType type = body.granteeType() == null ? Grant.GranteeType.USER : Grant.GranteeType.valueOf(body.granteeType().toUpperCase());
        if (type == Grant.GranteeType.USER) {
            governance.users().require(body.grantee());
        }
        else {
            governance.groups().require(body.grantee());
        }
        Grant grant = governance.grants().grant(type, body.grantee(), body.namespace(), Optional.ofNullable(body.table()).filter(table -> !table.isBlank()),
                Privilege.parse(body.privilege()), dev.neurolake.server.security.Principals.currentName());
        audit.record("GRANT", grant.namespace() + "." + grant.table().orElse("*"), "SUCCEEDED",
                Map.of("grantId", grant.id(), "grantee", type + ":" + body.grantee(), "privilege", grant.privilege().name()));
        return ResponseEntity.status(201).body(grant);
    }

    @Operation(summary = "Revoke a grant")
    @RequiresPermission(Permission.ADMIN)
    @DeleteMapping("/grants/{id}")
    public Grant revoke(@PathVariable("id") String id)
    {
        Grant grant = governance.grants().revoke(id);
        audit.record("REVOKE", grant.namespace() + "." + grant.table().orElse("*"), "SUCCEEDED",
                Map.of("grantId", id, "grantee", grant.granteeType() + ":" + grant.grantee(), "privilege", grant.privilege().name()));
        return grant;
    }

    @Operation(summary = "Everyone's API keys (never their secrets)")
    @RequiresPermission(Permission.ADMIN)
    @GetMapping("/api-keys")
    public List<AuthController.KeyResponse> apiKeys(@RequestParam(name = "username", required = false) String username)
    {
        return governance.apiKeys().list(Optional.ofNullable(username)).stream().map(AuthController.KeyResponse::of).toList();
    }

    @Operation(summary = "Revoke anyone's API key")
    @RequiresPermission(Permission.ADMIN)
    @DeleteMapping("/api-keys/{id}")
    public AuthController.KeyResponse revokeKey(@PathVariable("id") String id)
    {
        AuthController.KeyResponse key = AuthController.KeyResponse.of(governance.apiKeys().revoke(id));
        audit.record("API_KEY_REVOKE", id, "SUCCEEDED", Map.of("owner", key.username()));
        return key;
    }

    private static Set<Role> roles(List<String> names)
    {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> roles.add(Role.parse(name)));
        return roles;
    }

    public record CreateUserBody(@NotBlank @Size(max = 128) String username, @NotBlank @Size(min = 8, max = 1024) String password, @NotEmpty @Size(max = 4) List<String> roles) {}

    public record RolesBody(@NotEmpty @Size(max = 4) List<String> roles) {}

    public record PasswordBody(@NotBlank @Size(min = 8, max = 1024) String password) {}

    public record GroupBody(@NotBlank @Size(max = 128) String name) {}

    public record MemberBody(@NotBlank @Size(max = 128) String username) {}

    public record GrantBody(String granteeType, @NotBlank @Size(max = 128) String grantee, @NotBlank @Size(max = 128) String namespace, @Size(max = 128) String table, @NotNull String privilege) {}

    public record UserResponse(String username, List<String> roles, boolean enabled, Instant lockedUntil, Instant createdAt)
    {
        static UserResponse of(User user)
        {
            return new UserResponse(user.username(), user.roles().stream().map(role -> role.name().toLowerCase()).sorted().toList(), user.enabled(),
                    user.lockedUntil().orElse(null), user.createdAt());
        }
    }
}
