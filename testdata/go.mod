module golintdelete.test

go 1.22
