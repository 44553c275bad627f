module planbook

go 1.26.0

require github.com/BurntSushi/toml v1.6.0

require (
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/tools v0.39.0 // indirect
)
