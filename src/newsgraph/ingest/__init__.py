"""Getting news in: readers, decoding, language and page-chrome cleaning."""
