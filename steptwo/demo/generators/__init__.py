"""One generator per domain, called in order by steptwo.demo.build.build_demo.

Each takes the shared Demo context, writes its rows in bulk, and leaves on the context what later
generators need (teams and localities, staff, ...). New domains (appointments, measures,
outcomes) add a module here and one line in build_demo.
"""
