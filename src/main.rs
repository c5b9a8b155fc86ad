//! The `concord` command: serve (the default), migrate, load the demo, or rebuild the search
//! index.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use concord::config::Settings;
use concord::{Application, demo, open_database, paths, telemetry};

#[derive(Parser)]
#[command(
    version,
    about = "Concord: drafting an international agreement in the open"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve {
        /// Load the migration-compact demo (once) and print its accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo into the database and exit.
    Demo,
    /// Rebuild the search index from the tables and exit (after rows were written into the
    /// database directly, e.g. by bench/seed.py). Searches find fewer rows while it runs.
    Reindex,
    /// Group into campaigns the submitted contributions not yet grouped (rows loaded
    /// directly, such as the benchmark's seed), as submission would have, and exit.
    GroupCampaigns,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("concord: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let outcome = match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => open_database(&settings).await.map(|_| {
            println!("Migrations applied to the {}.", settings.database_url);
        }),
        Command::Demo => load_demo_only(settings).await,
        Command::Reindex => reindex(settings).await,
        Command::GroupCampaigns => group_campaigns(settings).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("concord: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings, with_demo: bool) -> anyhow::Result<()> {
    let database = settings.database_url.to_string();
    let app = Application::build_with(settings, with_demo).await?;
    let url = app.state().settings.public_url.clone();
    println!("Concord is serving {url} from the {database}.");
    if with_demo {
        print_demo_accounts(&url)?;
    }
    if let Some(link) = app.first_administrator_link().await? {
        println!();
        println!("No administrator exists yet. Create the first one, once, at:");
        println!("  {link}");
    }
    app.run_until_stopped().await?;
    Ok(())
}

async fn load_demo_only(settings: Settings) -> anyhow::Result<()> {
    let pool = open_database(&settings).await?;
    match concord::load_demo(&pool).await? {
        demo::Loaded::Now => println!("The demo process was loaded."),
        demo::Loaded::Already => println!("The demo process was loaded before; nothing changed."),
    }
    print_demo_accounts(&settings.public_url)
}

async fn reindex(settings: Settings) -> anyhow::Result<()> {
    let pool = concord::open_database_to_reindex(&settings).await?;
    let started = std::time::Instant::now();
    let rebuilt = concord::rebuild_search_index(&pool).await?;
    println!(
        "Search index rebuilt: {} contributions and {} proposals in {:.1} s.",
        rebuilt.contributions,
        rebuilt.proposals,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn group_campaigns(settings: Settings) -> anyhow::Result<()> {
    let pool = open_database(&settings).await?;
    let filed = concord::group_campaigns(&pool).await?;
    println!("{filed} submitted contributions filed for campaign detection.");
    Ok(())
}

fn print_demo_accounts(url: &str) -> anyhow::Result<()> {
    println!();
    println!("Demo accounts (sign in at {url}{}):", paths::login());
    for login in demo::logins()? {
        println!(
            "  {:<24} {:<38} {}",
            login.role, login.email, login.password
        );
    }
    Ok(())
}
