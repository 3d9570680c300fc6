"""Read: a report's bytes to text (decoding), normalised (text: pinyin stripped, traditional to simplified, offsets
back to the raw text), and its numerals read (numerals)."""
