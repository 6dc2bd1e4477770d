"""assess – IT-Notfall-Readiness: self-assessment and gap analysis for SMEs."""

__version__ = "0.1.0"
