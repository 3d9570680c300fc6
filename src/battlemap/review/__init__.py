"""Review: add-document (one or many: batch) proposes figures into a review CSV, a person accepts or corrects them
(here or on the Review page: review_desk), accept appends them with the build's own rules; commands holds the CLI's side."""
