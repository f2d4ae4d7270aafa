"""Installing hirebot in any workspace with Bolt's own OAuth flow: the scopes from manifest.yml, the flow and its
pages (``oauth``), and the two GET routes the HTTP server adds for it (``routes``)."""
