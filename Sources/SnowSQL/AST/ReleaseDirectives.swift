// ReleaseDirectives: the custom release directives of an application package (legacy, without
// release channels) — SET, MODIFY and UNSET RELEASE DIRECTIVE — held by
// `AlterApplicationPackage.Action.releaseDirective`; SHOW RELEASE DIRECTIVES is
// `ApplicationPackageStatement.showReleaseDirectives`. Parsed by Parser+ApplicationPackages.swift,
// printed by SQLPrinter+ReleaseDirectives.swift, run by Engine/Applications/Executor+ReleaseDirectives.swift.
// https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-directive

/// An account a custom release directive targets, written `<organization_name>.<account_name>`.
public struct DirectiveAccount: Equatable, Sendable {
    public var organization: Identifier
    public var account: Identifier
    public init(organization: Identifier, account: Identifier) {
        self.organization = organization
        self.account = account
    }
}

/// ALTER APPLICATION PACKAGE name SET | MODIFY | UNSET RELEASE DIRECTIVE …
public enum ReleaseDirectiveAction: Equatable, Sendable {
    /// SET RELEASE DIRECTIVE d ACCOUNTS = (org.acct, …) VERSION = v PATCH = n
    case set(Identifier, accounts: [DirectiveAccount], version: Identifier, patch: Int)
    /// MODIFY RELEASE DIRECTIVE d VERSION = v PATCH = n
    case modify(Identifier, version: Identifier, patch: Int)
    /// UNSET RELEASE DIRECTIVE d
    case unset(Identifier)
}
