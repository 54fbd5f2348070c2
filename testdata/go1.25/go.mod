module golintdelete.test/go125

go 1.25
