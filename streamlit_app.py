# The connector's Streamlit page, as shipped in the application (CREATE STREAMLIT names it).
# Snowlite does not run Python: `snowlite serve` renders the same state and data as a web page.
import streamlit as st
from snowflake.snowpark.context import get_active_session

session = get_active_session()
st.title("GitHub connector")

state = session.sql("""
    select key as repository, value:state::string as state, value:ingestion:rows_count as rows_count, timestamp
    from state.app_state
    qualify row_number() over (partition by repository order by timestamp desc) = 1
""").to_pandas()
st.dataframe(state)

enabled = session.sql("select key, value:enabled from state.resource_configuration").to_pandas()
st.dataframe(enabled)
