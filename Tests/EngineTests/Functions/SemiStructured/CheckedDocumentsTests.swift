// CheckedDocuments: the documents `->` remembers as checked. A document is found only with the
// very bytes it was remembered with; the newest documents are kept, as many as the count and the
// arena allow; a document too large is not kept.

import XCTest

@testable import Engine

final class CheckedDocumentsTests: XCTestCase {
    private func contains(_ documents: borrowing CheckedDocuments, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { documents.contains($0, fingerprint: CheckedDocuments.fingerprint($0)) }
    }

    /// Remembers `text` unless it is remembered already, as `->` does.
    private func insert(_ documents: inout CheckedDocuments, _ text: String) {
        guard !contains(documents, text) else { return }
        var text = text
        text.withUTF8 { documents.insert($0, fingerprint: CheckedDocuments.fingerprint($0)) }
    }

    func testADocumentIsFoundOnlyWithTheSameBytes() {
        var documents = CheckedDocuments()
        let document = "{\"body\":\"" + String(repeating: "a", count: 500) + "\",\"id\":1}"
        insert(&documents, document)
        XCTAssertTrue(contains(documents, document))
        XCTAssertTrue(contains(documents, String(document.map { $0 })))  // the same bytes elsewhere in memory
        var bytes = Array(document.utf8)
        for at in [0, 1, 100, 250, 251, 400, bytes.count - 1] {
            let saved = bytes[at]
            bytes[at] = saved == UInt8(ascii: "b") ? UInt8(ascii: "c") : UInt8(ascii: "b")
            XCTAssertFalse(contains(documents, String(decoding: bytes, as: UTF8.self)), "byte \(at)")
            bytes[at] = saved
        }
        XCTAssertFalse(contains(documents, document + " "))
        XCTAssertFalse(contains(documents, "{}"))
        XCTAssertEqual(documents.count, 1)
    }

    /// A page's documents can share their length and nearly all their text.
    func testDocumentsAlikeButForAFewBytesAreEachRemembered() {
        var documents = CheckedDocuments()
        let texts = (1000..<1200).map { "{\"id\":\"\($0)\",\"body\":\"" + String(repeating: "same ", count: 400) + "\"}" }
        for text in texts { insert(&documents, text) }
        XCTAssertEqual(documents.count, texts.count)
        XCTAssertTrue(texts.allSatisfy { contains(documents, $0) })
    }

    func testTheLastDocumentsAreKept() {
        var documents = CheckedDocuments()
        let texts = (0..<(CheckedDocuments.capacity + 10)).map { "{\"id\":\($0)}" }
        for text in texts { insert(&documents, text) }
        XCTAssertEqual(documents.count, CheckedDocuments.capacity)
        XCTAssertFalse(texts.prefix(10).contains { contains(documents, $0) })
        XCTAssertTrue(texts.dropFirst(10).allSatisfy { contains(documents, $0) })
    }

    /// The oldest documents make room for the newest in the arena, whatever their sizes.
    func testTheOldestMakeRoomInTheArena() {
        var documents = CheckedDocuments()
        var g = SeededGenerator(state: 5)
        var texts: [String] = []
        for n in 0..<600 {
            let size = [10, 1_000, 20_000, 100_000, CheckedDocuments.largestDocument - 20][g.next(5)]
            let text = "[\"\(n) " + String(repeating: "x", count: size) + "\"]"
            insert(&documents, text)
            texts.append(text)
            // What is remembered is the newest documents, as many as fit.
            var bytes = 0, expected = 0
            for text in texts.reversed() {
                bytes += text.utf8.count
                guard bytes <= CheckedDocuments.arenaSize, expected < CheckedDocuments.capacity else { break }
                expected += 1
            }
            XCTAssertGreaterThanOrEqual(documents.count, min(expected, 2), "\(n)")
            XCTAssertLessThanOrEqual(documents.count, expected, "\(n)")
            XCTAssertTrue(texts.suffix(documents.count).allSatisfy { contains(documents, $0) }, "\(n)")
            XCTAssertFalse(texts.dropLast(documents.count).suffix(3).contains { contains(documents, $0) }, "\(n)")
        }
        let large = "\"" + String(repeating: "x", count: CheckedDocuments.largestDocument) + "\""
        let before = documents.count
        insert(&documents, large)
        XCTAssertFalse(contains(documents, large))
        XCTAssertEqual(documents.count, before)
    }

    func testFingerprintsTellDocumentsApart() {
        var seen: Set<UInt64> = []
        var g = SeededGenerator(state: 9)
        for n in 0..<20_000 {
            var bytes = Array("{\"id\":0,\"body\":\"\(String(repeating: "x", count: n % 97))\"}".utf8)
            bytes[g.next(bytes.count)] = UInt8(truncatingIfNeeded: n)
            bytes.append(contentsOf: Array(String(n).utf8))
            seen.insert(bytes.withUnsafeBufferPointer { CheckedDocuments.fingerprint($0) })
        }
        XCTAssertGreaterThan(seen.count, 19_990)
    }
}
