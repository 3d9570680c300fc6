"""Code the tests (tests/python/) and the benchmarks (bench/) share: a generated N-times corpus (corpus) and the
explorer run as a real server driven by headless Chromium (browser)."""
