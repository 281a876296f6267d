// RoleGraph: which roles a user or role holds, directly and through inheritance. Snowflake's
// roles form a graph — a role granted to another passes on its privileges (SYSADMIN to
// ACCOUNTADMIN, custom roles to SYSADMIN) — and every user holds PUBLIC. Pure policy: the engine
// reads the grants from the catalog and asks here.

public struct RoleGrant: Sendable, Equatable {
    public enum Grantee: Sendable, Equatable, Hashable {
        case user(String)
        case role(String)
    }

    public var role: String
    public var grantee: Grantee

    public init(role: String, grantee: Grantee) {
        self.role = role
        self.grantee = grantee
    }
}

public struct RoleGraph: Sendable {
    /// Every role the graph knows is implicitly held by everyone.
    public static let publicRole = "PUBLIC"

    private var granted: [RoleGrant.Grantee: [String]] = [:]

    public init(_ grants: [RoleGrant]) {
        for grant in grants { granted[grant.grantee, default: []].append(grant.role) }
    }

    /// The roles a grantee can use: those granted to it, everything they inherit, and PUBLIC.
    public func roles(heldBy grantee: RoleGrant.Grantee) -> Set<String> {
        var result: Set<String> = [RoleGraph.publicRole]
        var pending = granted[grantee] ?? []
        if case .role(let name) = grantee { pending.append(name) }
        while let next = pending.popLast() {
            guard result.insert(next).inserted || next == RoleGraph.publicRole else { continue }
            pending.append(contentsOf: granted[.role(next)] ?? [])
        }
        return result
    }

    /// Granting `role` to the role `grantee` would make a role inherit itself: refused.
    public func wouldCreateCycle(granting role: String, to grantee: String) -> Bool {
        role == grantee || (grantee != RoleGraph.publicRole && roles(heldBy: .role(role)).contains(grantee))
    }
}
