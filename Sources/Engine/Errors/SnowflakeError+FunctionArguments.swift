// SnowflakeError+FunctionArguments: an argument value a function refuses when it runs — a zero
// step for ARRAY_GENERATE_RANGE, a part number below 1 for STRTOK, an element of ARRAY_FLATTEN
// that is not an array. Snowflake words these as `Invalid value [<value>] for function '<NAME>',
// parameter <n>: <rule>` (as REGEXP_SUBSTR's group number, SnowflakeError+Functions.swift); the
// rules' own words for these functions are not documented [? wording of each rule].
// https://docs.snowflake.com/en/sql-reference/functions/array_generate_range
// https://docs.snowflake.com/en/sql-reference/functions/strtok

extension SnowflakeError {
    /// 100049: argument `parameter` (1-based) of `function` has a value the function refuses.
    static func invalidFunctionArgument(_ value: String, function: String, parameter: Int, rule: String) -> SnowflakeError {
        SnowflakeError(
            code: "100049", sqlState: "22023",
            message: "Invalid value [\(value)] for function '\(function)', parameter \(parameter): \(rule)")
    }

    /// ARRAY_GENERATE_RANGE with a step of 0, which would never reach its stop.
    static var arrayGenerateRangeZeroStep: SnowflakeError {
        invalidFunctionArgument("0", function: "ARRAY_GENERATE_RANGE", parameter: 3, rule: "must not be zero")
    }

    /// ARRAY_FLATTEN over an array with an element (`element`, as JSON) that is not an array.
    static func arrayFlattenNotArray(_ element: String) -> SnowflakeError {
        invalidFunctionArgument(element, function: "ARRAY_FLATTEN", parameter: 1, rule: "every element must be an array")
    }
}
