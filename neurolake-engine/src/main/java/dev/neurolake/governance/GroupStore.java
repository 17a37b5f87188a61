package dev.neurolake.governance;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.Jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Groups of users, which grants can name instead of single users. */
public final class GroupStore
{
    private final Jdbc jdbc;

    public GroupStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** A group and its members. */
    public record Group(String name, List<String> members)
    {
        public Group
        {
            requireNonNull(name, "name is null");
            members = List.copyOf(requireNonNull(members, "members is null"));
        }
    }

    public Group create(String name)
    {
        UserStore.validateUsername(name);
        if (exists(name)) {
            throw new NeuroLakeException(ErrorCode.CONFLICT, "Group '" + name + "' already exists", Map.of("group", name));
        }
        jdbc.update("INSERT INTO user_groups (name, created_at) VALUES (?, ?)", name, Instant.now());
        return require(name);
    }

    public void delete(String name)
    {
        require(name);
        jdbc.update("DELETE FROM user_groups WHERE name = ?", name);
    }

    public List<Group> list()
    {
        return jdbc.query("SELECT name FROM user_groups ORDER BY name", row -> row.getString(1)).stream().map(this::require).toList();
    }

    public Group require(String name)
    {
        if (!exists(name)) {
            throw new NeuroLakeException(ErrorCode.NOT_FOUND, "Group '" + name + "' does not exist", Map.of("group", name));
        }
        return new Group(name, jdbc.query("SELECT username FROM group_members WHERE group_name = ? ORDER BY username", row -> row.getString(1), name));
    }

    public void addMember(String group, String username)
    {
        Group existing = require(group);
        if (!existing.members().contains(username)) {
            jdbc.update("INSERT INTO group_members (group_name, username) VALUES (?, ?)", group, username);
        }
    }

    public void removeMember(String group, String username)
    {
        require(group);
        jdbc.update("DELETE FROM group_members WHERE group_name = ? AND username = ?", group, username);
    }

    public Set<String> groupsOf(String username)
    {
        return Set.copyOf(jdbc.query("SELECT group_name FROM group_members WHERE username = ?", row -> row.getString(1), username));
    }

    private boolean exists(String name)
    {
        return jdbc.queryOne("SELECT 1 FROM user_groups WHERE name = ?", row -> true, name).isPresent();
    }
}
