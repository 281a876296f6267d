// PasswordHash: how a user's password is kept (CREATE USER … PASSWORD, ALTER USER … SET PASSWORD)
// and checked at a driver login. Never the password itself: a salted scrypt hash, slow on purpose
// (2^14 rounds, block size 8: about 16 MB and tens of milliseconds per hash), in one text field
//
//     scrypt$<log2 rounds>$<block size>$<parallelism>$<salt, base64>$<hash, base64>
//
// so the cost can be raised later without breaking the hashes already stored. Verification
// compares in constant time. The password is never logged, printed or put in an error.

import Crypto
import CryptoExtras
import Foundation

public struct PasswordHash: Sendable, Equatable, CustomStringConvertible {
    public let logRounds: Int
    public let blockSize: Int
    public let parallelism: Int
    public let salt: [UInt8]
    public let hash: [UInt8]

    /// The cost new hashes get.
    public static let defaultLogRounds = 14
    static let saltLength = 16
    static let hashLength = 32

    /// Hashes `password` with a fresh random salt.
    public static func make(password: String, logRounds: Int = defaultLogRounds) throws -> PasswordHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let derived = try derive(password, salt: salt, logRounds: logRounds, blockSize: 8, parallelism: 1)
        return PasswordHash(logRounds: logRounds, blockSize: 8, parallelism: 1, salt: salt, hash: derived)
    }

    /// Reads the stored form; nil when it is not one this type wrote.
    public init?(stored: String) {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt",
              let logRounds = Int(parts[1]), (1...20).contains(logRounds),
              let blockSize = Int(parts[2]), (1...32).contains(blockSize),
              let parallelism = Int(parts[3]), (1...16).contains(parallelism),
              let salt = Data(base64Encoded: String(parts[4])), !salt.isEmpty,
              let hash = Data(base64Encoded: String(parts[5])), hash.count == PasswordHash.hashLength else { return nil }
        self.init(logRounds: logRounds, blockSize: blockSize, parallelism: parallelism, salt: Array(salt), hash: Array(hash))
    }

    init(logRounds: Int, blockSize: Int, parallelism: Int, salt: [UInt8], hash: [UInt8]) {
        self.logRounds = logRounds
        self.blockSize = blockSize
        self.parallelism = parallelism
        self.salt = salt
        self.hash = hash
    }

    /// What the catalog stores.
    public var stored: String {
        "scrypt$\(logRounds)$\(blockSize)$\(parallelism)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// The stored form: salt and hash only, never a password.
    public var description: String { stored }

    /// True when `password` is the one this hash was made from.
    public func matches(_ password: String) -> Bool {
        guard let derived = try? PasswordHash.derive(password, salt: salt, logRounds: logRounds, blockSize: blockSize,
                                                     parallelism: parallelism) else { return false }
        return PasswordHash.constantTimeEqual(derived, hash)
    }

    /// Compares two byte strings in time that depends on their length only.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    static func derive(_ password: String, salt: [UInt8], logRounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: hashLength,
                                           rounds: 1 << logRounds, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}
