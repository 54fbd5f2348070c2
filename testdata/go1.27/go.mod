module golintdelete.test/go127

go 1.27
