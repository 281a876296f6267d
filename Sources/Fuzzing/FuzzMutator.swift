// FuzzMutator: makes input number `index` of a campaign from the corpus. An input is a short run
// of one seed's statements (often from its start, so the objects they use exist), with one to
// three mutations: tokens deleted, repeated, swapped or replaced by extreme numbers and strings,
// spans wrapped in thousands of parentheses or function calls, operator chains thousands long,
// statements spliced in from other seeds, characters flipped, `$$` bodies mutated as scripts. It
// is a pure function of (seed, index, corpus).

import SnowSQL

public struct FuzzMutator: Sendable {
    /// No mutation makes a statement longer than this: a wrap of a 100,000-character token 10,000
    /// times would be gigabytes of SQL, which tests the machine's memory, not the engine.
    public static let maximumStatementBytes = 1_048_576
    public let corpus: FuzzCorpus
    public let seed: UInt64

    public init(corpus: FuzzCorpus, seed: UInt64) {
        self.corpus = corpus
        self.seed = seed
    }

    /// Input `index`: statements joined by `;` and newlines.
    public func input(_ index: UInt64) -> String {
        var random = FuzzRandom(seed: seed, index: index)
        guard !corpus.seeds.isEmpty else { return "select 1" }
        let chosen = random.pick(corpus.seeds)
        let statements = chosen.statements
        let start = random.oneIn(2) ? 0 : random.below(statements.count)
        let length = 1 + random.below(min(8, statements.count - start))
        var window = Array(statements[start..<(start + length)])
        // Unmutated now and then: the seeds themselves must never crash either.
        let mutations = random.oneIn(16) ? 0 : 1 + random.below(3)
        for _ in 0..<mutations {
            if random.oneIn(10) {
                let other = random.pick(corpus.seeds)
                window.insert(random.pick(other.statements), at: random.below(window.count + 1))
            } else {
                let at = random.below(window.count)
                let mutated = mutate(window[at], &random)
                if mutated.utf8.count <= FuzzMutator.maximumStatementBytes { window[at] = mutated }
            }
        }
        return window.joined(separator: ";\n") + ";\n"
    }

    /// One mutation of one statement's text.
    func mutate(_ statement: String, _ random: inout FuzzRandom) -> String {
        guard let lexed = try? Lexer.tokenize(statement), lexed.count > 1, !random.oneIn(12) else {
            return flipCharacter(statement, &random)
        }
        var tokens = lexed.dropLast().map(\.text)  // without the end-of-input token
        let kinds = lexed.dropLast().map(\.kind)
        let at = random.below(tokens.count)
        switch random.below(14) {
        case 0: tokens.remove(at: at)
        case 1: tokens.insert(tokens[at], at: at)
        case 2: tokens.swapAt(at, random.below(tokens.count))
        case 3: tokens[at] = random.pick(FuzzValues.numbers)
        case 4: tokens[at] = FuzzValues.string(&random)
        case 5: tokens.insert(random.pick(FuzzValues.keywords), at: at)
        case 6: tokens[at] = random.pick(FuzzValues.functions) + "(" + tokens[at] + ", " + random.pick(FuzzValues.numbers) + ")"
        case 7: tokens = wrap(tokens, at: at, &random)
        case 8: tokens[at] = chain(tokens[at], &random)
        case 9: tokens.removeSubrange(at...)
        case 10:
            let other = (try? Lexer.tokenize(random.pick(random.pick(corpus.seeds).statements))) ?? []
            if other.count > 1 {
                let from = random.below(other.count - 1)
                let span = other[from..<min(other.count - 1, from + 1 + random.below(6))].map(\.text)
                tokens.insert(contentsOf: span, at: at)
            }
        case 11 where kinds[at] == .dollarString:
            // A `$$` body is a script or a handler of its own: mutate what is inside.
            let body = String(tokens[at].dropFirst(2).dropLast(2))
            tokens[at] = "$$" + mutate(body, &random) + "$$"
        case 12: tokens[at] = random.pick(FuzzValues.prefixes) + tokens[at]
        default: tokens.insert(contentsOf: [random.pick(FuzzValues.keywords), random.pick(FuzzValues.numbers)], at: at)
        }
        return tokens.joined(separator: " ")
    }

    /// Tokens `at…` (a short span) inside parentheses or calls nested `depth` deep.
    private func wrap(_ tokens: [String], at: Int, _ random: inout FuzzRandom) -> [String] {
        let end = min(tokens.count, at + 1 + random.below(4))
        let inner = tokens[at..<end].joined(separator: " ")
        var depth = random.pick(FuzzValues.depths)
        let (open, close): (String, String)
        switch random.below(5) {
        case 0: (open, close) = ("(", ")")
        case 1: (open, close) = (random.pick(FuzzValues.functions) + "(", ")")
        case 2: (open, close) = ("not ", "")
        case 3: (open, close) = ("case when true then ", " end")
        default: (open, close) = ("cast(", " as variant)")
        }
        depth = min(depth, FuzzMutator.maximumStatementBytes / (open.utf8.count + close.utf8.count + 1))
        let wrapped = String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
        return Array(tokens[..<at]) + [wrapped] + Array(tokens[end...])
    }

    /// `token op token op …`, as long as a depth says.
    private func chain(_ token: String, _ random: inout FuzzRandom) -> String {
        let op = random.pick([" + ", " and ", " || ", " * ", " - ", " or ", ", "])
        let terms = min(random.pick(FuzzValues.depths) + 1, max(1, FuzzMutator.maximumStatementBytes / (token.utf8.count + op.utf8.count)))
        return Array(repeating: token, count: terms).joined(separator: op)
    }

    /// One character replaced by one that starts or ends something (a quote, a comment, `$$`).
    private func flipCharacter(_ text: String, _ random: inout FuzzRandom) -> String {
        var characters = Array(text)
        let replacement = random.pick(["'", "\"", "/*", "*/", "--", "$$", "(", ")", ";", "\\", ":", "[", "{", "\u{0}", "é", ""])
        if characters.isEmpty { return replacement }
        let at = random.below(characters.count)
        characters.replaceSubrange(at...at, with: Array(replacement))
        return String(characters)
    }
}

/// The extreme and awkward values the mutator puts into statements.
enum FuzzValues {
    static let numbers = [
        "0", "-1", "1", "2", "255", "65536", "2147483647", "-2147483648", "4294967296", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "99999999999999999999999999999999999999", "1e308", "-1e308",
        "1e-308", "0.5", "1.5", "-0.0", "123456789.123456789", "1000000", "16777217", "38", "-38", "NULL",
    ]
    static let keywords = [
        "select", "from", "where", "not", "null", "case", "when", "then", "else", "end", "and", "or", "(", ")", ",",
        "::", ":", "[", "]", ".", "*", "+", "-", "/", "||", "=", "<>", "in", "like", "ilike", "between", "is",
        "distinct", "over", "partition by", "order by", "limit", "union all", "except", "join", "on", "lateral",
        "flatten", "table", "values", "as", "variant", "object", "array", "try_cast", "qualify", "group by", "having",
        "begin", "declare", "let", "return", "call", "execute immediate", "$$", "/*", "--", ";", "use role accountadmin",
        "current_role()", "last_query_id()", "result_scan", "put", "get", "@~", "identifier", "?", ":1", "$1",
    ]
    static let functions = [
        "lpad", "rpad", "repeat", "space", "dateadd", "datediff", "timeadd", "round", "trunc", "parse_json",
        "try_parse_json", "regexp_like", "regexp_replace", "regexp_substr", "regexp_count", "to_number", "to_date",
        "to_timestamp", "array_construct", "object_construct", "get_path", "split_part", "substr", "charindex", "sha2",
        "base64_encode", "hex_decode_string", "iff", "coalesce", "nullif", "decode", "listagg", "array_agg", "sum",
        "avg", "abs", "power", "exp", "ln", "mod", "floor", "ceil", "insert", "concat", "array_size", "to_varchar",
        "to_char", "to_decimal", "to_double", "strtok_to_array", "flatten", "generator", "uniform", "random",
    ]
    static let prefixes = ["-", "not ", "+", "~", "@", "$", ":", "identifier(", "'", "\""]
    /// Mostly shallow; now and then as deep as the hostile inputs issue 17 lists.
    static let depths = [1, 2, 3, 10, 50, 200, 1_000, 3_000, 5_000, 10_000]

    static func string(_ random: inout FuzzRandom) -> String {
        switch random.below(12) {
        case 0: return "''"
        case 1: return "'" + String(repeating: "%", count: random.pick([10, 1_000, 100_000])) + "'"
        case 2: return "'" + String(repeating: "[", count: random.pick([10, 1_001, 100_000])) + "'"
        case 3: return "'" + String(repeating: "a", count: random.pick([40, 4_000])) + "b'"
        case 4: return random.pick(["'(a+)+$'", "'(a|a)*b'", "'(a*)*b'", "'[[:alpha:]]+'", "'\\\\1'", "'a{1000}{1000}'"])
        case 5: return random.pick(["'0001-01-01'", "'9999-12-31 23:59:59.999999999'", "'2026-02-30'", "'-1'", "'1e400'"])
        case 6: return random.pick(["'{\"a\":[1,{\"b\":null}]}'", "'[]'", "'{}'", "'null'", "'[1,'", "'{\"a\":'"])
        case 7: return random.pick(["'é😀'", "'\\u0000'", "'\\\\'", "'%_\\\\%'", "'NaN'", "'inf'"])
        case 8: return random.pick(["'file:///etc/passwd'", "'@~/x'", "'/proc/self/environ'", "'accountadmin'"])
        default: return "'" + random.pick(["x", "abc", "a,b,c", "A", "snowlite", "1", "true"]) + "'"
        }
    }
}
