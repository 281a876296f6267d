// PageTemplates: the dashboard's HTML, as Mustache templates (hummingbird-project/swift-mustache),
// and its one small stylesheet. Pages are plain HTML forms and tables: no JavaScript at all. The
// only automatic behaviour — the State tab refreshing itself while a run is EXECUTING or a
// repository is RUNNING — is a `<meta http-equiv="refresh">`. Every value reaches the HTML
// through `{{…}}`, which escapes it; the templates never use triple mustaches.
//
// The templates are kept in Swift rather than as resource files so that the `snowlite` binary
// carries them wherever it is copied. The partials: `head` and `foot` frame every page, `table`
// draws a result (VARIANT cells as formatted JSON), `statements` lists the SQL a page ran.

import Mustache

enum PageTemplates {
    /// The templates by name, parsed once.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in [("head", head), ("foot", foot), ("table", table), ("statements", statements), ("overview", overview),
                             ("message", message)] {
            try library.register(text, named: name)
        }
        try library.register(ApplicationTemplates.application, named: "application")
        try library.register(ApplicationTemplates.privileges, named: "privileges")
        return library
    }

    static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{#refresh}}<meta http-equiv="refresh" content="2">{{/refresh}}
        <title>{{title}} · Snowlite</title>
        <link rel="stylesheet" href="/style.css">
        </head>
        <body>
        <header><a class="home" href="/">Snowlite</a> <span class="account">{{account}}</span></header>
        <main>

        """

    static let foot = """
        {{#hasStatements}}
        <details class="statements" id="statements"><summary>SQL run for this page</summary>
        {{>statements}}
        </details>
        {{/hasStatements}}
        </main>
        </body>
        </html>

        """

    static let statements = """
        <ol>
        {{#statements}}
        <li><pre class="sql">{{sql}}</pre>{{#ranAs}}<span class="as">as Streamlit {{ranAs}}</span>{{/ranAs}}{{#failure}}<pre class="error">{{failure}}</pre>{{/failure}}</li>
        {{/statements}}
        </ol>
        """

    static let table = """
        {{#empty}}<p class="empty">No rows.</p>{{/empty}}
        {{^empty}}
        <table>
        <thead><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#cells}}<td>{{#json}}<pre class="json">{{text}}</pre>{{/json}}{{^json}}{{#null}}<span class="null">NULL</span>{{/null}}{{^null}}{{text}}{{/null}}{{/json}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        {{/empty}}
        """

    static let overview = """
        {{>head}}
        <h1>Account {{account}}</h1>
        <section id="applications">
        <h2>Applications</h2>
        {{#applicationsError}}<pre class="error">{{applicationsError}}</pre>{{/applicationsError}}
        {{^applications}}<p class="empty">No application with a default Streamlit is installed.</p>{{/applications}}
        <ul class="applications">
        {{#applications}}<li><a href="/apps/{{name}}">{{name}}</a> <span class="version">{{version}}</span> <span class="streamlit">Streamlit {{streamlit}}</span></li>
        {{/applications}}
        </ul>
        </section>
        {{#sections}}
        <section id="{{id}}">
        <h2>{{heading}}</h2>
        {{#note}}<p class="note">{{note}}</p>{{/note}}
        {{#error}}<pre class="error">{{error}}</pre>{{/error}}
        {{#result}}{{>table}}{{/result}}
        </section>
        {{/sections}}
        {{>foot}}
        """

    static let message = """
        {{>head}}
        <h1>{{heading}}</h1>
        <pre class="error" id="message">{{text}}</pre>
        <p><a href="/">Back to the account</a></p>
        {{>foot}}
        """

    /// The stylesheet, served at /style.css.
    static let stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f9fb; }
        header { background: #11567f; color: white; padding: 0.6em 1.5em; }
        header a.home { color: white; font-weight: bold; text-decoration: none; }
        header .account { opacity: 0.8; margin-left: 1em; }
        main { padding: 1em 1.5em 3em; max-width: 80em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
        nav.tabs { border-bottom: 1px solid #cbd2d9; margin: 1em 0; }
        nav.tabs a { display: inline-block; padding: 0.5em 1em; text-decoration: none; color: #3e4c59; }
        nav.tabs a.active { border-bottom: 3px solid #29b5e8; color: #11567f; font-weight: 600; }
        table { border-collapse: collapse; background: white; font-size: 0.9em; }
        th, td { border: 1px solid #e4e7eb; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f0f4f8; }
        pre { margin: 0; white-space: pre-wrap; }
        pre.json { font-size: 0.85em; max-height: 16em; overflow: auto; }
        pre.error, .notice { padding: 0.6em 0.8em; border-radius: 4px; margin: 0.8em 0; }
        pre.error { background: #fde8e8; border: 1px solid #f29b9b; color: #8a1c1c; }
        .notice { background: #e3f8ec; border: 1px solid #8fd6a8; }
        .null, .empty, .note, .as, .version, .streamlit { color: #7b8794; }
        .attention { border: 2px solid #f0b429; background: #fffbea; padding: 0.5em 1em 1em; border-radius: 6px; }
        form.inline { display: inline; }
        form label { display: block; margin: 0.5em 0; }
        form input[type=text], form select { min-width: 24em; padding: 0.3em; }
        input[readonly] { background: #eef1f4; }
        button { background: #29b5e8; color: white; border: 0; padding: 0.4em 1em; border-radius: 4px; cursor: pointer; }
        details.statements { margin-top: 2.5em; font-size: 0.85em; }
        pre.sql { background: #f0f4f8; padding: 0.3em 0.5em; }
        """
}
