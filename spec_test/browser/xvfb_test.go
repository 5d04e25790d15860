package browser

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A process is a child the suite started in a process group of its own,
// so that stopping it also stops what it started (MiniBrowser and its web
// and network processes under WebKitWebDriver).
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
}

// startProcess starts cmd in a new process group. The child is killed if
// the test binary dies without stopping it (a -timeout panic): Pdeathsig
// on Xvfb also ends the GTK processes that draw on it.
func startProcess(cmd *exec.Cmd) (*process, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(p.done) }()
	return p, nil
}

// stop sends SIGTERM to the process group, then SIGKILL if it has not
// exited within a second, and waits for the leader.
func (p *process) stop() {
	if p == nil {
		return
	}
	pgid := p.cmd.Process.Pid
	p.waitAlone(3 * time.Second)
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
	}
	// Whatever the group's other members were doing, none outlives it.
	syscall.Kill(-pgid, syscall.SIGKILL)
}

// waitAlone waits, at most within, until the leader is the only process
// left in its group: so that a child the leader is closing (MiniBrowser
// after the WebDriver session ended) exits and is reaped by its parent
// rather than killed and left to init.
func (p *process) waitAlone(within time.Duration) {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) && groupSize(p.cmd.Process.Pid) > 1 {
		select {
		case <-p.done:
			return
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// groupSize counts the processes whose process group is pgid, from /proc.
func groupSize(pgid int) int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if e.Name()[0] < '0' || e.Name()[0] > '9' {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces and ")".
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) > 2 && f[2] == strconv.Itoa(pgid) {
			n++
		}
	}
	return n
}

// startXvfb starts a virtual X server on a display it picks itself
// (-displayfd) and returns it with its DISPLAY value, e.g. ":99".
func startXvfb(path string) (*process, string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	cmd := exec.Command(path, "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "1280x1024x24")
	cmd.ExtraFiles = []*os.File{w} // fd 3
	p, err := startProcess(cmd)
	w.Close()
	if err != nil {
		return nil, "", fmt.Errorf("start Xvfb: %w", err)
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- s
	}()
	select {
	case s := <-line:
		n := strings.TrimSpace(s)
		if n == "" {
			p.stop()
			return nil, "", fmt.Errorf("Xvfb exited without naming a display")
		}
		return p, ":" + n, nil
	case <-time.After(20 * time.Second):
		p.stop()
		return nil, "", fmt.Errorf("Xvfb named no display within 20s")
	}
}
