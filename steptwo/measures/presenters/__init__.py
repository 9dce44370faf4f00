"""Display-ready views of measures for templates: formatting stays out of views and templates."""
