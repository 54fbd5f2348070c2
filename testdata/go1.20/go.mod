module golintdelete.test/go120

go 1.20
