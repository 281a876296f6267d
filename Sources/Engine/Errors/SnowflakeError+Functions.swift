// SnowflakeError+Functions: the errors of calling a function. A name nobody knows, arguments of
// the wrong number or types (001044, worded as Snowflake shows a call's argument types), a window
// function without OVER, and the argument values a function refuses: regular expressions and
// their parameters, SHA2's digest size. https://docs.snowflake.com/en/sql-reference-functions

import SnowSQL

extension SnowflakeError {
    // MARK: - The call

    /// 002140: a function name nobody knows.
    public static func unknownFunction(_ name: String) -> SnowflakeError {
        SnowflakeError(code: "002140", sqlState: "42601", message: "\(compilation)\nUnknown function \(name)")
    }

    /// 001044: a call whose arguments the function does not take; `types` are the arguments as
    /// Snowflake lists them (`NUMBER(38,0)`, `VARCHAR(16777216)`, or `2 arguments`), `position`
    /// the column the message names.
    static func invalidArgumentTypes(function name: String, _ types: [String], position: Int = 7) -> SnowflakeError {
        SnowflakeError(code: "001044", sqlState: "42P13",
                       message: "\(compilation) error line 1 at position \(position)\nInvalid argument types for function '\(name)': (\(types.joined(separator: ", ")))")
    }

    /// 002016 / 001044-style argument problems, worded as Snowflake does for a bad call.
    public static func invalidArgumentCount(function name: String, given: Int) -> SnowflakeError {
        invalidArgumentTypes(function: name, ["\(given) argument\(given == 1 ? "" : "s")"])
    }

    /// 002062: a window-only function (ROW_NUMBER, LAG…) called without OVER.
    static func windowFunctionRequiresOver(_ name: String) -> SnowflakeError {
        SnowflakeError(code: "002062", sqlState: "42601",
                       message: "\(compilation)\nWindow function type [\(name)] requires an OVER clause")
    }

    // MARK: - Argument values

    /// 100048: a pattern Snowflake's syntax refuses, quoted as the user wrote it (`shown`).
    static func invalidRegularExpression(_ shown: String) -> SnowflakeError {
        SnowflakeError(code: "100048", sqlState: "2201B", message: "Invalid regular expression: '\(shown)'")
    }

    /// 100048: a pattern whose compiled program would pass the engine's size limit (RE2's wording,
    /// which Snowflake's engine reports after the pattern).
    static func regularExpressionTooLarge(_ shown: String) -> SnowflakeError {
        SnowflakeError(code: "100048", sqlState: "2201B", message: "Invalid regular expression: '\(shown)', pattern too large - compile failed")
    }

    /// 100048: a regular-expression parameter letter other than c, i, m, s and e.
    static func invalidRegularExpressionParameter(_ letter: Character) -> SnowflakeError {
        SnowflakeError(code: "100048", sqlState: "2201B", message: "Invalid regular expression parameter '\(letter)'")
    }

    /// 100049: REGEXP_SUBSTR's group number past the pattern's capture groups.
    static func regexpSubstrGroupOutOfRange(_ group: Int, groups: Int) -> SnowflakeError {
        SnowflakeError(code: "100049", sqlState: "22023",
                       message: "Invalid value [\(group)] for function 'REGEXP_SUBSTR', parameter 6: must be an integer between 0 and \(groups)")
    }

    /// 100072: SHA2 with a digest size other than 224, 256, 384 or 512 (`bits` nil when not a constant).
    static func invalidDigestSize(function name: String, bits: Int?) -> SnowflakeError {
        SnowflakeError(code: "100072", sqlState: "22023",
                       message: "Invalid digest size for function \(name): \(bits.map(String.init) ?? "not a constant"); use 224, 256, 384 or 512")
    }

    /// A Cortex AI function: Snowlite runs offline, with no model to call [?: wording chosen].
    static func needsSnowflake(_ function: String) -> SnowflakeError {
        unsupported("\(function): Cortex AI functions \(SyntaxError.onlyInSnowflake)")
    }

    /// What only Snowflake runs (Cortex here, Container Services in the parser): both say `run only in Snowflake`.
    var needsSnowflake: Bool { code == "001003" && message.contains(SyntaxError.onlyInSnowflake) }
}

// MARK: - Data generation

extension SnowflakeError {
    /// SEQ1…SEQ8 with a sign other than 0 or 1.
    static func seqSignInvalid(_ function: String) -> SnowflakeError {
        compilationError("The argument of \(function) must be the constant 0 or 1")
    }

    /// UNIFORM(min, max, gen) with max below min [? wording].
    static let uniformBoundsReversed = SnowflakeError(code: "100096", sqlState: "22023",
                                                      message: "UNIFORM: the maximum must not be less than the minimum")

    /// ZIPF with an exponent that is not positive, or an N outside 1…1,000,000 (Snowlite's largest) [? wording].
    static func zipfArguments(_ s: Double, _ n: Int64) -> SnowflakeError {
        SnowflakeError(code: "100096", sqlState: "22023", message: "ZIPF: the exponent must be positive and N between 1 and 1000000 (got \(s), \(n))")
    }

    /// RANDSTR with a negative length or one past the longest string [? wording].
    static func randstrLength(_ length: Int64) -> SnowflakeError {
        SnowflakeError(code: "100096", sqlState: "22023", message: "RANDSTR: invalid length \(length)")
    }

    /// GENERATOR's ROWCOUNT or TIMELIMIT that is not a non-negative integer constant.
    static func generatorArgument(_ name: String) -> SnowflakeError {
        compilationError("argument '\(name)' to function GENERATOR needs to be a non-negative integer constant")
    }
}
