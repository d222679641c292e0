print("clvsim")
