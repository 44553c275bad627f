package serve

import (
	"fmt"
	"net/http"
	"sync"
)

// hub sends build events to every open page.
type hub struct {
	mu      sync.Mutex
	clients map[chan string]bool
	closed  bool
	// joined, when set (by tests), is called when a page opens its
	// event stream.
	joined func()
}

func newHub() *hub { return &hub{clients: map[chan string]bool{}} }

func (h *hub) subscribe() (chan string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	c := make(chan string, 1)
	h.clients[c] = true
	if h.joined != nil {
		h.joined()
	}
	return c, true
}

func (h *hub) unsubscribe(c chan string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[c] {
		delete(h.clients, c)
		close(c)
	}
}

// broadcast sends a reload for build generation gen to every page; a page
// that has not read the previous one keeps just the newest.
func (h *hub) broadcast(gen string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- gen:
		default:
			select {
			case <-c:
			default:
			}
			c <- gen
		}
	}
}

// close ends every event stream, for shutting down.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

// events is the Server-Sent Events stream of a page: a hello with the
// current build, then a reload event for every build that changed what
// the page shows.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
	s.mu.RLock()
	gen := s.generation
	s.mu.RUnlock()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %d\n\n", gen)
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case gen, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", gen)
			flusher.Flush()
		}
	}
}
