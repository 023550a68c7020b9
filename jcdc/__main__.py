from jcdc.cli import main

main()
