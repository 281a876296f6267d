// PythonInstallTests: `snowlite python install --dry-run` prints the environment it would make:
// Snowpark and requests, then every PACKAGES entry of the account's Python procedures (once each by
// name, versions kept as written), then the --package extras.

import Foundation
import SnowliteTesting
import XCTest

final class PythonInstallTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    func testTheDryRunNamesTheAccountsPackages() throws {
        let created = try BuiltProgram.locate("snowsql").run(["-o", "friendly=false", "-o", "timing=false", "-o", "output_format=csv", "-q", """
            create database d;
            create procedure a() returns string language python runtime_version = '3.11'
              packages = ('snowflake-snowpark-python', 'pandas==2.2.0') handler = 'x.a';
            create procedure b() returns string language python runtime_version = '3.11'
              packages = ('requests', 'PyYAML') handler = 'x.b';
            create procedure c() returns string language sql as 'select 1';
            """], home: home)
        XCTAssertEqual(created.status, 0, created.stderr)
        let printed = try BuiltProgram.locate("snowlite").run(["python", "install", "--dry-run", "--package", "pandas==1.0", "--package", "tqdm"],
                                                              home: home)
        XCTAssertEqual(printed.stderr, "")
        XCTAssertEqual(printed.stdout, """
            + python3 -m venv \(home.path)/python
            + \(home.path)/python/bin/python -m pip install --upgrade pip
            + \(home.path)/python/bin/python -m pip install snowflake-snowpark-python requests PyYAML pandas==2.2.0 tqdm

            """)
        XCTAssertEqual(printed.status, 0)
    }
}
