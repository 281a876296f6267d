// SnowflakeOnlyFunctions: the functions that need Snowflake's own services — Cortex AI (the
// SNOWFLAKE.CORTEX schema and the AI_ functions). Snowlite runs offline and has no model to call,
// so a call fails with an error that says so (unless the account defines a function of that name
// itself), never as an unknown function the user might think they misspelled.
// https://docs.snowflake.com/en/user-guide/snowflake-cortex/aisql

import SnowSQL

enum SnowflakeOnlyFunctions {
    /// SNOWFLAKE.CORTEX.<name>
    static let cortex: Set<String> = [
        "COMPLETE", "TRY_COMPLETE", "SENTIMENT", "SUMMARIZE", "TRANSLATE", "EXTRACT_ANSWER", "CLASSIFY_TEXT", "EMBED_TEXT_768",
        "EMBED_TEXT_1024", "COUNT_TOKENS", "PARSE_DOCUMENT", "SPLIT_TEXT_RECURSIVE_CHARACTER", "SEARCH_PREVIEW", "FINETUNE",
        "ENTITY_SENTIMENT",
    ]
    /// The AISQL functions, called unqualified.
    static let aisql: Set<String> = [
        "AI_COMPLETE", "AI_CLASSIFY", "AI_FILTER", "AI_AGG", "AI_SUMMARIZE_AGG", "AI_SIMILARITY", "AI_SENTIMENT", "AI_EMBED",
        "AI_EXTRACT", "AI_TRANSLATE", "AI_PARSE_DOCUMENT", "AI_TRANSCRIBE", "AI_REDACT", "AI_COUNT_TOKENS",
    ]

    /// The name as Snowflake spells it when `parts` call a Cortex AI function; nil otherwise.
    static func cortexFunction(_ parts: [Identifier]) -> String? {
        let names = parts.map { $0.name.uppercased() }
        if names.count == 1, aisql.contains(names[0]) { return names[0] }
        if names.count == 3, names[0] == "SNOWFLAKE", names[1] == "CORTEX", cortex.contains(names[2]) { return names.joined(separator: ".") }
        if names.count == 2, names[0] == "CORTEX", cortex.contains(names[1]) { return "SNOWFLAKE." + names.joined(separator: ".") }
        return nil
    }
}
