// UnloadTests: COPY INTO @stage — the files' names and content (CSV and JSON, gzip or not), HEADER,
// SINGLE, MAX_FILE_SIZE, OVERWRITE, and the files read back by a staged query and by GET.

import Foundation
import XCTest

@testable import Engine

final class UnloadTests: LoadingTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create table t (id int, name string, price number(10,2), day date);
            insert into t values (1, 'a,b', 2.5, '2026-01-02'), (2, null, null, null), (3, 'say "hi"', 10, '2026-03-04')
            """)
    }

    /// The stored bytes of a staged file, gunzipped when they are gzip.
    private func content(_ path: String) throws -> String {
        let folder = self.folder.appendingPathComponent("get-\(UUID().uuidString)")
        try run("get @s/\(path) 'file://\(folder.path)'")
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent((path as NSString).lastPathComponent)))
        return String(decoding: bytes.starts(with: [0x1F, 0x8B]) ? try Gzip.decompress(bytes) : bytes, as: UTF8.self)
    }

    func testCSVFilesAndTheirNames() throws {
        let result = try run("copy into @s/out/ from (select * from t order by id)")
        XCTAssertEqual(result.columns.map(\.name), ["rows_unloaded", "input_bytes", "output_bytes"])
        XCTAssertEqual(result.rows[0].prefix(2).map { $0.displayText() }, ["3", "61"])
        XCTAssertEqual(try cells("list @s").map(\.[0]), ["s/out/data_0_0_0.csv.gz"])
        XCTAssertEqual(try content("out/data_0_0_0.csv.gz"), "1,a,b,2.50,2026-01-02\n2,\\N,\\N,\\N\n3,say \"hi\",10.00,2026-03-04\n")
        assertError(
            "copy into @s/out/ from t",
            "100176 (22000): Files already existing at the unload destination: @S/out/. Use overwrite option to force unloading.")
        try run(
            """
            copy into @s/out/result from (select * from t order by id)
              file_format = (type = csv compression = none field_optionally_enclosed_by = '"' null_if = ('')) header = true
            """)
        XCTAssertEqual(
            try content("out/result_0_0_0.csv"),
            "\"ID\",\"NAME\",\"PRICE\",\"DAY\"\n1,\"a,b\",2.50,2026-01-02\n2,,,\n3,\"say \"\"hi\"\"\",10.00,2026-03-04\n")
        // The unloaded file loads back.
        try run("create table back like t")
        try run("copy into back from @s/out/result_0_0_0.csv file_format = (type = csv skip_header = 1 field_optionally_enclosed_by = '\"')")
        XCTAssertEqual(try cells("select * from back order by id"), try cells("select * from t order by id"))
    }

    func testSingleSplitsAndJSON() throws {
        try run("copy into @s/all.csv from t single = true file_format = (type = csv compression = none)")
        XCTAssertEqual(try cells("list @s").map(\.[0]), ["s/all.csv"])
        try run("copy into @s/parts/ from (select seq4() from table(generator(rowcount => 1000))) max_file_size = 1000")
        XCTAssertEqual(try cells("list @s/parts").count, 4)
        XCTAssertEqual(try cells("select count(*), count(distinct metadata$filename) from @s/parts"), [["1000", "4"]])
        try run("copy into @s/j/ from (select object_construct('id', id, 'name', name) from t order by id) file_format = (type = json)")
        XCTAssertEqual(try content("j/data_0_0_0.json.gz"), "{\"id\":1,\"name\":\"a,b\"}\n{\"id\":2}\n{\"id\":3,\"name\":\"say \\\"hi\\\"\"}\n")
        assertError(
            "copy into @s/j2/ from t file_format = (type = json)",
            "002019 (0A000): SQL compilation error:\nJSON file format can produce one and only one column of type variant, "
                + "object, or array. Load data into separate columns using the MATCH_BY_COLUMN_NAME copy option or copy with "
                + "transformation.")
        XCTAssertEqual(try cells("copy into @s/none/ from (select * from t where id > 10)"), [["0", "0", "0"]])
        XCTAssertEqual(try cells("list @s/none"), [])
    }
}
