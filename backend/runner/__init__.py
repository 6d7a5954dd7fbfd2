"""`make run`'s one command: the web server, the stream server and the job worker under one
supervisor, behind one port (see runner/__main__.py)."""
