package browser

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
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

// startProcess starts cmd in a new process group.
func startProcess(cmd *exec.Cmd) (*process, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
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
