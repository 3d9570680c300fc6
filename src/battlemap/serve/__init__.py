"""Serve: `battlemap app` (launch) runs the Streamlit explorer (app/main.py and app/views/, helpers in explorer),
releases (release), notebooks and the terminal comparison table (compare)."""
