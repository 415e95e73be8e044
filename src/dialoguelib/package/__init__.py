"""The data package on disk: its schema and checks, the typed tables, the ledger's rules, the store's transactions, releases and citations."""
