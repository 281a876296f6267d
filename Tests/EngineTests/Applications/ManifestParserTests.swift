// ManifestParser: the quickstart's manifest.yml read in full, defaults, both spellings the field
// names and object types come in, and the exact error for each kind of invalid manifest.

@testable import Engine
import XCTest

final class ManifestParserTests: XCTestCase {
    static let quickstart = """
        manifest_version: 1
        version:
          name: V_1_0
          label: "1.0.0"
          comment: "Initial version"
        artifacts:
          setup_script: setup.sql
          readme: README.md
          default_streamlit: public.github_app
          extension_code: true
        configuration:
          log_level: debug
          trace_level: ON_EVENT
        privileges:
          - EXECUTE TASK:
              description: "Needed to run ingestion tasks"
          - CREATE DATABASE:
              description: "Needed to create a database for ingested data"
        references:
          - warehouse_reference:
              label: "Warehouse used for ingestion"
              description: "Warehouse which will be used to schedule ingestion tasks"
              privileges: [USAGE]
              object_type: WAREHOUSE
              register_callback: public.register_reference
        """

    func read(_ text: String) throws -> ApplicationManifest { try ManifestParser().read(text) }

    func testTheQuickstartManifest() throws {
        let manifest = try read(Self.quickstart)
        XCTAssertEqual(manifest.manifestVersion, 1)
        XCTAssertEqual(manifest.version, ApplicationManifest.Version(name: "V_1_0", label: "1.0.0", comment: "Initial version"))
        XCTAssertEqual(manifest.setupScript, "setup.sql")
        XCTAssertEqual(manifest.readme, "README.md")
        XCTAssertEqual(manifest.defaultStreamlit, "public.github_app")
        XCTAssertTrue(manifest.extensionCode)
        XCTAssertEqual(manifest.logLevel, "DEBUG")
        XCTAssertEqual(manifest.traceLevel, "ON_EVENT")
        XCTAssertEqual(manifest.privileges, [
            .init(name: "EXECUTE TASK", description: "Needed to run ingestion tasks"),
            .init(name: "CREATE DATABASE", description: "Needed to create a database for ingested data"),
        ])
        XCTAssertEqual(manifest.references, [
            .init(name: "warehouse_reference", label: "Warehouse used for ingestion",
                  description: "Warehouse which will be used to schedule ingestion tasks", privileges: ["USAGE"],
                  objectType: "WAREHOUSE", multiValued: false, registerCallback: "public.register_reference",
                  configurationCallback: nil, requiredAtSetup: false),
        ])
    }

    func testDefaultsAndAlternativeSpellings() throws {
        let manifest = try read("""
            manifest_version: 2
            artifacts:
              default_streamlit_app: ui.main
            references:
              - eai:
                  privileges:
                    - USAGE
                  object_type: external_access_integration
                  register_callback: config.register
                  configuration_callback: config.get_config
            """)
        XCTAssertEqual(manifest.setupScript, "setup.sql")
        XCTAssertEqual(manifest.defaultStreamlit, "ui.main")
        XCTAssertNil(manifest.logLevel)
        XCTAssertEqual(manifest.references.first?.objectType, "EXTERNAL ACCESS INTEGRATION")
        XCTAssertEqual(manifest.references.first?.configurationCallback, "config.get_config")
    }

    func assertInvalid(_ text: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try read(text), file: file, line: line) { error in
            XCTAssertEqual((error as? SnowflakeError)?.description, "093079 (22023): Invalid manifest: " + message, file: file, line: line)
        }
    }

    func testInvalidManifests() {
        assertInvalid("artifacts:\n  default_streamlit: public.ui\n",
                      "The manifest field 'artifacts.default_streamlit' is not valid for the given manifest_version: 0")
        assertInvalid("artifacts:\n  setup_script: setup.sql\n", "The manifest field 'manifest_version' is required.")
        assertInvalid("manifest_version: 1\nreferences:\n  - db:\n      object_type: DATABASE\n      register_callback: p.r\n",
                      "Invalid value 'DATABASE' provided for 'object_type'")
        assertInvalid("manifest_version: 1\nreferences:\n  - wh:\n      object_type: WAREHOUSE\n      privileges: [SELECT]\n      register_callback: p.r\n",
                      "Invalid value 'SELECT' provided for 'privileges' of reference 'wh'")
        assertInvalid("manifest_version: 1\nreferences:\n  - wh:\n      object_type: WAREHOUSE\n",
                      "The manifest field 'references.wh.register_callback' is required.")
        assertInvalid("manifest_version: 1\nreferences:\n  - s:\n      object_type: SECRET\n      register_callback: p.r\n",
                      "The manifest field 'references.s.configuration_callback' is required for object type SECRET.")
        assertInvalid("manifest_version: 1\nprivileges:\n  - DROP EVERYTHING:\n      description: no\n",
                      "Invalid value 'DROP EVERYTHING' provided for 'privileges'")
        assertInvalid("manifest_version: 1\nconfiguration:\n  log_level: loud\n", "Invalid value 'loud' provided for 'configuration.log_level'")
        assertInvalid("manifest_version: 1\nartifacts:\n  setup_script: \"../x y.sql\"\n", "Invalid value '../x y.sql' provided for 'artifacts.setup_script'")
        assertInvalid("- just\n- a list\n", "the manifest must be a YAML mapping")
    }
}
