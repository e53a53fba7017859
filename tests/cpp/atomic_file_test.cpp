// Tests of coopmap/detail/atomic_file.hpp, the writer behind every output file: real
// processes racing on one path, symlinks planted by another user, NUL bytes in paths.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "coopmap/detail/atomic_file.hpp"

namespace fs = std::filesystem;
using coopmap::detail::write_file_atomic;

namespace {

class AtomicFileTest : public ::testing::Test {
protected:
    fs::path dir;
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("coopmap_atomic_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
    static std::string read(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

TEST_F(AtomicFileTest, ConcurrentProcessesNeverLeaveAMixedFile) {
    // 4 processes write the same path 50 times each, each with its own content of
    // 200 kB (several write() calls). With one fixed temporary name two writers shared a
    // file and the result mixed them; now the target is always one whole content.
    const auto target = (dir / "out.svg").string();
    std::vector<pid_t> kids;
    for (int k = 0; k < 4; ++k) {
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            const std::string text(200000, static_cast<char>('a' + k));
            for (int i = 0; i < 50; ++i) {
                try {
                    write_file_atomic(target, text);
                } catch (...) {
                    ::_exit(2);
                }
            }
            ::_exit(0);
        }
        kids.push_back(pid);
    }
    for (auto pid : kids) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    const auto got = read(target);
    ASSERT_EQ(got.size(), 200000u);
    EXPECT_EQ(got, std::string(200000, got[0]));  // one writer's content, whole
    // no temporary file is left behind
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1u);
}

TEST_F(AtomicFileTest, PlantedSymlinksAreNeverWrittenThrough) {
    const auto victim = dir / "victim.txt";
    std::ofstream(victim) << "precious";
    // the old fixed temporary name, and the target itself, point at the victim
    fs::create_symlink(victim, dir / "map.svg.coopmap-tmp");
    fs::create_symlink(victim, dir / "map.svg");
    write_file_atomic((dir / "map.svg").string(), "<svg/>");
    EXPECT_EQ(read(victim), "precious");
    EXPECT_FALSE(fs::is_symlink(dir / "map.svg"));  // rename replaced the link itself
    EXPECT_EQ(read(dir / "map.svg"), "<svg/>");
}

TEST_F(AtomicFileTest, PermissionsFollowTheUmaskLikeFopen) {
    const mode_t old = ::umask(022);
    write_file_atomic((dir / "a.csv").string(), "x");
    ::umask(old);
    EXPECT_EQ(fs::status(dir / "a.csv").permissions(),
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

TEST_F(AtomicFileTest, NulByteInPathIsAnErrorNotATruncatedPath) {
    const std::string path = (dir / "map.svg").string() + std::string("\0.evil", 6);
    EXPECT_THROW(write_file_atomic(path, "x"), coopmap::input_error);
    EXPECT_FALSE(fs::exists(dir / "map.svg"));  // nothing written at the cut path
    EXPECT_THROW(write_file_atomic("", "x"), coopmap::input_error);
}

TEST_F(AtomicFileTest, FailureNamesTheFileAndLeavesTheOldOne) {
    const auto target = dir / "kept.json";
    write_file_atomic(target.string(), "old");
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);  // no new file in the folder
    bool threw = false;
    try {
        write_file_atomic(target.string(), "new");
    } catch (const coopmap::input_error& e) {
        threw = true;
        EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
    }
    fs::permissions(dir, fs::perms::owner_all);
    if (::geteuid() != 0) {
        EXPECT_TRUE(threw);  // root ignores folder permissions
    }
    if (threw) {
        EXPECT_EQ(read(target), "old");
    }
    // also as root: a target that is a folder cannot be replaced; the error names it and
    // no temporary file stays behind
    fs::create_directories(dir / "folder.svg");
    try {
        write_file_atomic((dir / "folder.svg").string(), "x");
        ADD_FAILURE() << "expected input_error";
    } catch (const coopmap::input_error& e) {
        EXPECT_NE(std::string(e.what()).find("folder.svg"), std::string::npos) << e.what();
    }
    for (const auto& e : fs::directory_iterator(dir))
        EXPECT_EQ(e.path().string().find("coopmap-tmp"), std::string::npos) << e.path();
}

}  // namespace
