"""Build: the input pass (inputs, with the figure-in-quote rule of figure_match), then dbt (dbt_runner) into a new file
swapped in when every test passed (atomic_build); progress reads a running build for the Review page."""
