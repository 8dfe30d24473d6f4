"""The most SQL queries a public page may cost as computed (the page cache off), whatever the
amount of content it shows: each page type's tests check it with 1 and with 30 related items."""

QUERY_BUDGET = 10
