// `assessor serve`: one process holds the store and serves the reviewer
// screens and the remote commands (remote.go) over SSH.

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"

	"assessor/server"
	"assessor/store"
)

// shutdownTimeout bounds a graceful shutdown: sessions save their drafts
// and close within it, or are cut off, which takes up to server.KillWait
// more, and the log then has logFlush to take its last lines. The
// operator is promised a stop within 10 seconds in all.
const shutdownTimeout = 10*time.Second - server.KillWait - logFlush

// logFlush is how long a stopping serve waits for a log that is not read.
const logFlush = 500 * time.Millisecond

// serveCmd is `assessor serve`: one process holds the store and serves
// every reviewer's screens, and admins' and leads' commands, over SSH, so
// a team shares one store without sharing a machine.
func serveCmd(g *globals) *cobra.Command {
	var listen, hostKey string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the reviewer screens over SSH to registered reviewers",
		Long: "Hold the store and serve each reviewer's terminal over SSH: ssh -p PORT HOST opens the\n" +
			"review queue (calibration: ssh -t … calibrate; leads: … dashboard, … adjudicate). Reviewers\n" +
			"are known by their SSH key (assessor reviewers add ID --key FILE). The host key is created\n" +
			"on first run beside the store. Admins and leads run commands through the server without\n" +
			"stopping it, e.g.\n" +
			"ssh -p PORT HOST import - < new.jsonl, ssh -p PORT HOST reviewers add ID --key - < id.pub,\n" +
			"ssh -p PORT HOST report --format json. SIGINT, SIGTERM or SIGHUP (its terminal closed)\n" +
			"saves every open draft and stops.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// A log reader gone (a service manager's logger restarted)
			// must not end serve, unsaved, at its next line: a write to
			// it fails instead (logPipe drops it). From the first line:
			// the permission check's open may say a store's notice.
			signal.Ignore(syscall.SIGPIPE)
			// Everything serve says goes through one logPipe, the store's
			// notices as it opens too (g.notify): serve never waits on
			// its log.
			errw := cmd.ErrOrStderr()
			pipe := newLogPipe(errw)
			defer pipe.close(logFlush)
			g.root.SetErr(pipe)
			defer g.root.SetErr(errw) // nothing said after serve is lost in a closed pipe
			if _, port, err := net.SplitHostPort(listen); err != nil || strings.TrimSpace(port) == "" {
				// net.Listen would take "" or ":" ("--listen :$PORT" with
				// PORT unset) as every interface, any port.
				return fmt.Errorf("serve --listen %q: give host:port, e.g. --listen 127.0.0.1:2222 (or :2222 for every interface)", listen)
			}
			path := g.storePath(defaultStoreName)
			if err := g.allowOn(path); err != nil { // it opens the store itself
				return err
			}
			if hostKey == "" {
				hostKey = filepath.Join(filepath.Dir(path), server.HostKeyName)
			}
			// Checked before the store is opened: a named pipe there
			// (<(vault read …)) would hang serve holding the store's lock.
			if err := server.CheckHostKey(hostKey); err != nil {
				var bad *server.HostKeyError
				if errors.As(err, &bad) && cmd.Flags().Changed("host-key") {
					err = fmt.Errorf("serve --host-key %s: %s", bad.Path, bad.Why)
				}
				return err
			}
			// SIGHUP too: closing the terminal serve runs in is the
			// everyday way to stop it, and must save as SIGTERM does.
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
			defer stop()
			return runServe(ctx, path, listen, hostKey, whoFlag(cmd, cmd), pipe, g.notify)
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:2222", "address to listen on (host:port)")
	cmd.Flags().StringVar(&hostKey, "host-key", "", "SSH host key file, created when missing (default: "+server.HostKeyName+" beside the store)")
	return cmd
}

// runServe serves the store at path on listen until ctx is done, then shuts
// down gracefully: sessions save, the store closes, the sidecar goes.
// notify says what the store's open says (g.notify: once, when the
// permission check's open said it already); who is serve's --as or
// --reviewer as given (whoFlag), for the line warnNoKeys prints.
func runServe(ctx context.Context, path, listen, hostKey, who string, logw io.Writer, notify func(string)) error {
	pipe, ok := logw.(*logPipe) // serve never waits on its log
	if !ok {
		pipe = newLogPipe(logw)
		defer pipe.close(logFlush)
	}
	logger := newLogger(pipe, log.Options{ReportTimestamp: true, Prefix: "serve"})
	st, err := openUpgrading(path, notify) // an older store is upgraded, as by upgrade
	if err != nil {
		return err
	}
	defer st.Close()
	srv, ln, err := startServe(st, listen, hostKey, logger)
	if err != nil {
		// Nothing was served: a store this start made goes again, as
		// after any command that fails on a store it started (a port
		// typo must not leave an empty store every later command uses).
		forgetStarted(st, err)
		return err
	}
	// The hint goes only after the lock is released, so a second process
	// never finds the store locked without it.
	addr := ln.Addr().String()
	defer func() { st.Close(); removeSidecar(path, addr) }()

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	// The fingerprint is what reviewers compare at their first ssh prompt.
	logger.Info("serving "+path, "listen", addr, "connect", server.SSHHint(addr), "host-key", srv.HostKeyFingerprint())
	warnNoKeys(st, logger, who) // once it serves: it says to stop the server

	select {
	case err := <-served:
		return err // the listener failed: there are no sessions to save
	case <-ctx.Done():
	}
	logger.Info("shutting down: saving open drafts")
	// A fresh context: ctx is already done, and shutdown needs time of its
	// own for sessions to save their drafts.
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Warn("shutdown cut short", "err", err)
	}
	if err := <-served; err != nil {
		return err
	}
	// Closed here, not only in the defer, so a failed close is the
	// command's error.
	if err := st.Close(); err != nil && !errors.Is(err, store.ErrClosed) {
		return fmt.Errorf("close store: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// startServe readies st to be served on listen: it gives back idle claims,
// listens, builds the server and writes the sidecar. On an error nothing
// listens.
func startServe(st *store.Store, listen, hostKey string, logger *log.Logger) (*server.Server, net.Listener, error) {
	// No session holds a claim yet: one with nothing stored on it was left
	// by a server that stopped without saying goodbye (kill -9, a crash).
	if n, err := st.ReleaseIdleClaims(); err != nil {
		return nil, nil, err
	} else if n > 0 {
		logger.Info("claims with nothing scored on them went back to the queue", "released", n)
	}
	// Listen before writing the sidecar: it must name the port actually
	// bound, which --listen :0 leaves to the system.
	ln, err := net.Listen(listenNetwork(listen), listen)
	if err != nil {
		return nil, nil, fmt.Errorf("listen on %s: %w", listen, err)
	}
	srv, err := server.New(server.Config{Store: st, HostKeyPath: hostKey, Logger: logger, Commands: serveCommands(st)})
	if err == nil {
		err = writeSidecar(st.Path(), ln.Addr().String())
	}
	if err != nil {
		ln.Close()
		return nil, nil, err
	}
	return srv, ln, nil
}

// warnNoKeys says when nobody could connect, with the command that mends
// it as the admin who started serve runs it: on the store served, as who
// (whoFlag).
func warnNoKeys(st *store.Store, logger *log.Logger, who string) {
	rs, err := st.Reviewers()
	if err != nil {
		return
	}
	for _, r := range rs {
		if len(r.Keys) > 0 {
			return
		}
	}
	db := "" // the command must reach this store, not the default one
	if st.Path() != defaultStorePath(defaultStoreName) {
		db = dbFlag(st.Path())
	}
	logger.Warn("no reviewer has an SSH key, so nobody can connect: stop the server and run assessor reviewers add ID --key FILE --role admin" + db + who)
}

// writeSidecar records addr beside the store at path, so a second process
// that finds the store locked can say how to connect instead.
// A stale one (after kill -9) is replaced, not rewritten in place, so the
// new one is ours and 0600 whatever mode or link the old one had.
func writeSidecar(path, addr string) error {
	p := sidecarPath(path)
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", p, err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	_, err = fmt.Fprintf(f, "%s\n%d\n", addr, os.Getpid())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(p) // a full disk: no empty sidecar left behind
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the file named once
		}
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// removeSidecar removes the sidecar if it is still ours: a server started
// right after this one stopped may already have written its own.
func removeSidecar(path, addr string) {
	if b, err := os.ReadFile(sidecarPath(path)); err == nil && strings.TrimSpace(string(b)) == fmt.Sprintf("%s\n%d", addr, os.Getpid()) {
		_ = os.Remove(sidecarPath(path))
	}
}

// listenNetwork is "tcp4" for an IPv4 address (0.0.0.0 too) and "tcp6"
// for an IPv6 one, else "tcp": Go's "tcp" listens on [::] for 0.0.0.0,
// so --listen 0.0.0.0:2222 answered on every IPv6 address as well, past
// a firewall kept for IPv4. A host name listens as it resolves.
func listenNetwork(listen string) string {
	host, _, err := net.SplitHostPort(listen)
	if ip := net.ParseIP(host); err == nil && ip != nil {
		if ip.To4() != nil {
			return "tcp4"
		}
		return "tcp6"
	}
	return "tcp"
}
