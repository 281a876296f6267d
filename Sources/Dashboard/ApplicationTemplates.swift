// ApplicationTemplates: the page of one application, standing in for its default Streamlit (the
// quickstart's "Configuring the connector" to "Monitor the ingestion"): the privileges panel —
// the Streamlit pop-ups' equivalent, shown above every tab while a requested privilege or a
// reference is missing — then the tabs Configuration, Enabled resources, State, Data preview and
// Raw data preview. Forms POST to the tab's own address with the browser session's CSRF token;
// the data previews choose their repository with a GET form.

enum ApplicationTemplates {
    /// The page: title and Streamlit name; the attention panel while `attention`; the tabs; the
    /// notice of a successful action or the error of a failed one; then the one tab's section —
    /// `configuration` (the form, read-only once `provisioned`), `resources` (the enable form and
    /// the enabled repositories), `state` (progress while `refreshing`, the newest state per
    /// repository, the task runs) or `preview` (a repository selector and the first rows).
    static let application = """
        {{>head}}
        <h1>{{application}}</h1>
        <p class="streamlit">Streamlit {{streamlit}}</p>
        {{#attention}}<section class="attention" id="privileges-required">
        <h2>This application needs privileges</h2>
        {{>privileges}}
        </section>{{/attention}}
        <nav class="tabs">{{#tabs}}<a href="{{href}}"{{#active}} class="active"{{/active}}>{{label}}</a>{{/tabs}}</nav>
        {{#notice}}<p class="notice" id="notice">{{notice}}</p>{{/notice}}
        {{#error}}<pre class="error" id="error">{{error}}</pre>{{/error}}
        {{#privilegesTab}}{{^attention}}<section id="privileges">{{>privileges}}</section>{{/attention}}{{/privilegesTab}}
        {{#configuration}}
        <section id="configuration">
        <h2>Connector configuration</h2>
        {{#provisioned}}<p class="note">The connector is configured; these values are stored in STATE.APP_CONFIGURATION.</p>{{/provisioned}}
        <form method="post" action="/apps/{{application}}/configuration">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>Destination database <input type="text" name="destination_database" value="{{destinationDatabase}}" placeholder="GITHUB_DATA"{{#provisioned}} readonly{{/provisioned}}></label>
        <label>Secret name <input type="text" name="secret_name" value="{{secretName}}" placeholder="GITHUB_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN"{{#provisioned}} readonly{{/provisioned}}></label>
        <label>Integration name <input type="text" name="external_access_integration_name" value="{{integrationName}}" placeholder="GITHUB_INTEGRATION"{{#provisioned}} readonly{{/provisioned}}></label>
        {{^provisioned}}<button type="submit" id="configure">Configure</button>{{/provisioned}}
        </form>
        </section>
        {{/configuration}}
        {{#resources}}
        <section id="resources">
        <h2>Enable data ingestion</h2>
        <form method="post" action="/apps/{{application}}/resources">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>Organization name <input type="text" name="organization" value="{{organization}}" placeholder="Snowflake-Labs"></label>
        <label>Repository name <input type="text" name="repository" value="{{repository}}" placeholder="sfquickstarts"></label>
        <button type="submit" id="enable">Start ingestion</button>
        </form>
        <h2>Enabled repositories</h2>
        {{#table}}{{>table}}{{/table}}
        </section>
        {{/resources}}
        {{#state}}
        <section id="state">
        {{#refreshing}}<p class="note" id="refreshing">An ingestion is running; this page refreshes every 2 seconds.</p>{{/refreshing}}
        {{#hasProgress}}<h2>In progress</h2>
        <ul class="progress">{{#progress}}<li>{{repository}}: {{pages}} pages, {{rows}} rows so far</li>{{/progress}}</ul>{{/hasProgress}}
        <h2>Ingestion state</h2>
        {{#latest}}{{>table}}{{/latest}}
        <h2>Task runs</h2>
        {{#runs}}{{>table}}{{/runs}}
        </section>
        {{/state}}
        {{#preview}}
        <section id="preview">
        <form method="get" action="/apps/{{application}}/{{tab}}">
        <label>Repository <select name="resource">{{#choices}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/choices}}</select></label>
        <button type="submit">Show</button>
        </form>
        {{^choices}}<p class="empty">No repository is enabled yet.</p>{{/choices}}
        {{#table}}<h2>{{heading}}</h2>{{>table}}{{/table}}
        </section>
        {{/preview}}
        {{>foot}}
        """

    /// The requested account privileges and the references, each with the statement that grants
    /// or binds it; rendered inside the attention panel, or on the Privileges tab.
    static let privileges = """
        <h3>Account privileges</h3>
        <table>
        <thead><tr><th>Privilege</th><th>Description</th><th>Granted</th><th></th></tr></thead>
        <tbody>
        {{#privileges}}<tr><td>{{name}}</td><td>{{description}}</td><td>{{#granted}}yes{{/granted}}{{^granted}}no{{/granted}}</td><td>{{^granted}}<form class="inline" method="post" action="/apps/{{application}}/privileges">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="privilege" value="{{name}}"><button type="submit">Grant {{name}}</button></form>{{/granted}}</td></tr>
        {{/privileges}}
        </tbody>
        </table>
        <h3>References</h3>
        <table>
        <thead><tr><th>Reference</th><th>Description</th><th>Object type</th><th>Privileges</th><th>Bound to</th><th></th></tr></thead>
        <tbody>
        {{#references}}<tr><td>{{label}} ({{name}})</td><td>{{description}}</td><td>{{objectType}}</td><td>{{privileges}}</td><td>{{#boundTo}}{{boundTo}}{{/boundTo}}{{^boundTo}}<span class="null">not bound</span>{{/boundTo}}</td>
        <td>{{^boundTo}}<form class="inline" method="post" action="/apps/{{application}}/references">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="reference" value="{{name}}">
        <select name="object">{{#choices}}<option value="{{.}}">{{.}}</option>{{/choices}}</select> <button type="submit">Bind</button></form>{{/boundTo}}</td></tr>
        {{/references}}
        </tbody>
        </table>
        """
}
