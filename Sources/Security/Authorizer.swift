// Authorizer: the decision "may these roles do X on Y". It knows the active roles (the session's
// role and every role it inherits, PUBLIC included), the privileges granted to them, and, for
// each object asked about, its owning role. Pure policy: the engine loads the grants from the
// catalog (Engine/Authorization.swift) and words the errors.
//
// The rules (https://docs.snowflake.com/en/user-guide/security-access-control-overview):
// - the owner role holds every privilege on its object; ACCOUNTADMIN stands as the account's owner;
// - otherwise a privilege is held when it was granted to one of the active roles;
// - an object is visible when some privilege on it, or on anything inside it, is held;
// - granting needs ownership, MANAGE GRANTS on the account, or the privilege WITH GRANT OPTION.
//   MANAGE GRANTS lets a role grant anything; it does not let it use what it grants.

/// A privilege granted to one of the active roles.
public struct HeldPrivilege: Hashable, Sendable {
    public var privilege: Privilege
    public var kind: SecurableKind
    /// The object's canonical name (`DB.SCH.T`, `DB.SCH.P(VARCHAR)`); empty for the account.
    public var name: String
    public var grantOption: Bool

    public init(_ privilege: Privilege, on kind: SecurableKind, _ name: String, grantOption: Bool = false) {
        self.privilege = privilege
        self.kind = kind
        self.name = name
        self.grantOption = grantOption
    }
}

/// An object as the authorizer sees it: its kind, canonical name and owning role ("" for none).
public struct Securable: Hashable, Sendable {
    public var kind: SecurableKind
    public var name: String
    public var owner: String

    public init(_ kind: SecurableKind, _ name: String, owner: String) {
        self.kind = kind
        self.name = name
        self.owner = owner
    }

    /// Whether an application owns it: objects inside an installed application are the
    /// application's, and no consumer's MANAGE GRANTS reaches them (an application's owner is
    /// its principal, `APPLICATION <NAME>`).
    public var isOwnedByApplication: Bool { owner.hasPrefix("APPLICATION ") }

    /// The account: ACCOUNTADMIN holds every privilege on it.
    public static let account = Securable(.account, "", owner: accountOwner)
    public static let accountOwner = "ACCOUNTADMIN"
}

public struct Authorizer: Sendable {
    /// The session's (primary) role.
    public let role: String
    /// The role and everything it inherits.
    public let activeRoles: Set<String>
    /// Privileges by object, each with its grant option.
    private let held: [ObjectKey: [Privilege: Bool]]

    private struct ObjectKey: Hashable {
        var kind: SecurableKind
        var name: String
    }

    public init(role: String, activeRoles: Set<String>, privileges: [HeldPrivilege]) {
        self.role = role
        self.activeRoles = activeRoles
        var held: [ObjectKey: [Privilege: Bool]] = [:]
        for p in privileges {
            let key = ObjectKey(kind: Authorizer.grantKind(p.kind), name: p.name)
            held[key, default: [:]][p.privilege] = (held[key]?[p.privilege] ?? false) || p.grantOption
        }
        self.held = held
    }

    /// `ON TABLE` also names event tables: both share one key.
    private static func grantKind(_ kind: SecurableKind) -> SecurableKind { kind == .eventTable ? .table : kind }

    private func privileges(on object: Securable) -> [Privilege: Bool] {
        held[ObjectKey(kind: Authorizer.grantKind(object.kind), name: object.name)] ?? [:]
    }

    // MARK: - Decisions

    /// The object's owner is one of the active roles.
    public func owns(_ object: Securable) -> Bool { !object.owner.isEmpty && activeRoles.contains(object.owner) }

    public func holds(_ privilege: Privilege, on object: Securable) -> Bool {
        owns(object) || privileges(on: object)[privilege] != nil
    }

    /// Holds at least one of `privileges` (or owns the object).
    public func holdsAny(of privileges: [Privilege], on object: Securable) -> Bool {
        privileges.contains { holds($0, on: object) }
    }

    /// Holds some privilege on the object itself.
    public func holdsAnyPrivilege(on object: Securable) -> Bool {
        owns(object) || !privileges(on: object).isEmpty
    }

    /// Holds some granted privilege on an object inside a database or schema (`DB.` / `DB.SCH.` prefixes).
    /// Ownership inside is the engine's to ask of the catalog.
    public func holdsGrantInside(_ container: Securable) -> Bool {
        let prefix = container.name + "."
        return held.contains { key, privileges in !privileges.isEmpty && key.kind != .account && key.name.hasPrefix(prefix) }
    }

    public var canManageGrants: Bool { holds(.manageGrants, on: .account) }

    /// May grant (or revoke) `privilege` on the object: as owner, with MANAGE GRANTS, or holding
    /// it WITH GRANT OPTION.
    public func mayGrant(_ privilege: Privilege, on object: Securable) -> Bool {
        owns(object) || canManageGrants(on: object) || privileges(on: object)[privilege] == true
    }

    /// MANAGE GRANTS, on anything but what an application owns.
    public func canManageGrants(on object: Securable) -> Bool { canManageGrants && !object.isOwnedByApplication }

    /// The role a grant is recorded as made by: the owner when the authority is ownership or MANAGE
    /// GRANTS (Snowflake records the owner as grantor), the session's role when it is a grant option.
    public func grantor(of privilege: Privilege, on object: Securable) -> String {
        if object.kind == .account { return role }
        if owns(object) || (canManageGrants && privileges(on: object)[privilege] != true) {
            return object.owner.isEmpty ? role : object.owner
        }
        return role
    }
}
