// Command ferretdb-runner runs an embedded FerretDB (MongoDB wire protocol)
// with the SQLite backend, as a local stand-in for MongoDB in development
// and tests. It is started and stopped by infra/local/ferretdb.sh.
//
// It embeds github.com/FerretDB/FerretDB/ferretdb rather than installing
// FerretDB's own command, because a plain `go install` of that command
// panics on build metadata that only FerretDB's release tooling generates.
//
// With -ping it does not serve; it instead checks that a server at
// -listen-addr answers a MongoDB `ping` command, and exits 0 if it does.
// ferretdb.sh uses that as its readiness probe so that no extra tool is
// needed (the MongoDB Go driver is already in FerretDB's module graph).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27117", "TCP address to listen on (loopback only)")
	sqliteDir := flag.String("sqlite-dir", "", "directory holding the SQLite databases (created if missing)")
	logLevel := flag.String("log-level", "info", "log level: debug, info, warn or error")
	pidFile := flag.String("pid-file", "", "if set, write this process's pid here while serving")
	ping := flag.Bool("ping", false, "do not serve: exit 0 if -listen-addr answers a MongoDB ping, 1 otherwise")
	pingTimeout := flag.Duration("ping-timeout", 2*time.Second, "timeout for -ping")
	flag.Parse()

	if *ping {
		if err := pingServer(*listenAddr, *pingTimeout); err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb-runner: ping %s: %v\n", *listenAddr, err)
			os.Exit(1)
		}
		return
	}

	logger, err := newLogger(*logLevel)
	if err != nil {
		fatal(err)
	}

	if err := serve(logger, *listenAddr, *sqliteDir, *pidFile); err != nil {
		logger.Error("ferretdb-runner failed", slog.String("error", err.Error()))
		os.Exit(1)
	}
}

// serve runs FerretDB until SIGINT or SIGTERM arrives.
func serve(logger *slog.Logger, listenAddr, sqliteDir, pidFile string) error {
	if err := requireLoopback(listenAddr); err != nil {
		return err
	}

	sqliteURL, err := sqliteDirURL(sqliteDir)
	if err != nil {
		return err
	}

	// Cancelling the context is how FerretDB is told to stop: Run closes the
	// listener and every connection, then the backend, before it returns.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listenAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return fmt.Errorf("starting FerretDB: %w", err)
	}

	if pidFile != "" {
		if err := os.WriteFile(pidFile, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
			return fmt.Errorf("writing pid file: %w", err)
		}
		// Only remove the file if it is still ours: a newer instance may
		// already have replaced it.
		defer removeOwnPidFile(pidFile)
	}

	logger.Info("ferretdb-runner serving",
		slog.String("uri", f.MongoDBURI()),
		slog.String("sqlite", sqliteURL),
	)

	if err := f.Run(ctx); err != nil {
		return fmt.Errorf("running FerretDB: %w", err)
	}

	logger.Info("ferretdb-runner stopped")
	return nil
}

// sqliteDirURL turns a directory into the `file:/abs/dir/` URI that the
// SQLite backend expects. The backend refuses a missing directory, so it is
// created here.
func sqliteDirURL(dir string) (string, error) {
	if dir == "" {
		return "", errors.New("-sqlite-dir is required")
	}

	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolving -sqlite-dir: %w", err)
	}

	if err := os.MkdirAll(abs, 0o755); err != nil {
		return "", fmt.Errorf("creating -sqlite-dir: %w", err)
	}

	// The backend requires an empty authority and a trailing slash.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/", OmitHost: true}
	return u.String(), nil
}

// requireLoopback refuses to listen anywhere but loopback: this server has
// no authentication and is meant for local tests only.
func requireLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-listen-addr %q: %w", addr, err)
	}

	if host == "localhost" {
		return nil
	}

	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}

	return fmt.Errorf("-listen-addr %q: only loopback addresses are allowed", addr)
}

// pingServer connects directly (no replica-set discovery) and runs `ping`,
// which proves the wire protocol and the backend are answering, not just
// that the port is open.
func pingServer(addr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	opts := options.Client().
		ApplyURI("mongodb://" + addr + "/").
		SetDirect(true).
		SetServerSelectionTimeout(timeout).
		SetConnectTimeout(timeout)

	// No Disconnect: this process exits right after, which closes the
	// socket, and Disconnect would send `endSessions`, which FerretDB v1 does
	// not implement and logs as a warning on every probe.
	client, err := mongo.Connect(ctx, opts)
	if err != nil {
		return err
	}

	return client.Database("admin").RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err()
}

func newLogger(level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		return nil, fmt.Errorf("-log-level %q: %w", level, err)
	}

	h := slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l})
	return slog.New(h), nil
}

func removeOwnPidFile(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}

	if strings.TrimSpace(string(b)) == strconv.Itoa(os.Getpid()) {
		_ = os.Remove(path)
	}
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "ferretdb-runner: %v\n", err)
	os.Exit(2)
}
