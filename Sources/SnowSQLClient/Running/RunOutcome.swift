// RunOutcome: what the client decides after each statement — go on, stop the current input, or
// leave with an exit code — together with snowsql's exit codes and the version line `-v` prints.

/// Where the client's decisions about stopping end up: keep going, stop running the current
/// input (`stop_on_error`), or leave the program with an exit code.
public enum RunOutcome: Equatable, Sendable {
    case proceed
    case stop
    case exit(Int32)
}

/// snowsql's exit codes (spec §1.8).
public enum ClientExitCode {
    public static let success: Int32 = 0
    public static let clientProblem: Int32 = 1
    public static let badArguments: Int32 = 2
    public static let errorWithExitOnError: Int32 = 5
}

/// The version line `-v` prints, and the banner's version.
public enum ClientVersion {
    public static let snowsql = "1.2.32"
    public static let snowlite = "0.1.0"
    public static var line: String { "Version: \(snowsql) (Snowlite \(snowlite))" }
}
