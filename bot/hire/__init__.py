"""The ``/hire`` command: its subcommands (``registry``) and the router from typed text to a reply (``router``)."""
