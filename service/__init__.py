"""News annotation service: entities, quotes and numeric claims over HTTP.

Importing this package loads nothing heavy; see ``service.nlp`` for the NLP core
and ``service.web`` for the Flask application.
"""

__version__ = "0.4.0"
