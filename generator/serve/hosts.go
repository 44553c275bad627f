package serve

import (
	"net"
	"net/netip"
	"strings"
)

// hosts is what a request's Host header may name. A web page elsewhere can
// point a name of its own at this computer's address (DNS rebinding) and
// then read the preview as its own origin; a browser still sends that name
// in the Host header, so answering only to known names stops it.
type hosts struct {
	names map[string]bool
	addrs map[netip.Addr]bool
}

// newHosts returns the hosts allowed for a server listening on bind:
// localhost and its subdomains (which always name this computer), every
// loopback address, the bind address itself (every address of this
// computer when bind is 0.0.0.0 or ::) and the names and addresses in
// allow.
func newHosts(bind string, allow []string) *hosts {
	h := &hosts{names: map[string]bool{}, addrs: map[netip.Addr]bool{}}
	add := func(s string) {
		s = normalHost(s)
		if a, err := netip.ParseAddr(s); err == nil {
			h.addrs[a.Unmap()] = true
		} else if s != "" {
			h.names[s] = true
		}
	}
	add(bind)
	for _, a := range allow {
		add(a)
	}
	if a, err := netip.ParseAddr(normalHost(bind)); err == nil && a.IsUnspecified() {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, ia := range addrs {
				if n, ok := ia.(*net.IPNet); ok {
					if a, ok := netip.AddrFromSlice(n.IP); ok {
						h.addrs[a.Unmap()] = true
					}
				}
			}
		}
	}
	return h
}

// allowed reports whether a request's Host header (with or without a
// port) names this server.
func (h *hosts) allowed(hostHeader string) bool {
	host := hostHeader
	if hp, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = hp
	}
	host = normalHost(host)
	if host == "" {
		return false
	}
	if a, err := netip.ParseAddr(host); err == nil {
		a = a.Unmap()
		return a.IsLoopback() || h.addrs[a]
	}
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || h.names[host]
}

// normalHost lowers a host name's case and drops the brackets of an IPv6
// address and the final dot of a fully qualified name.
func normalHost(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	return strings.TrimSuffix(s, ".")
}
