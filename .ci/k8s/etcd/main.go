// etcd for the test control plane: the server's own entry point (what etcd's release binary runs), from its Go module.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
