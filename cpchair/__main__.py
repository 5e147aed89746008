from cpchair.launch import main

main()
