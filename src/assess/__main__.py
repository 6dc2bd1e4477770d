from assess.entry import run

run()
