"""
A FastAPI site for the AuthLens real-server lab, as Debian ships FastAPI and uvicorn. Its API key
check is the one FastAPI's documentation shows (Security → APIKeyHeader): the header is read by
FastAPI's own `APIKeyHeader`, which refuses a request without it; a key the site does not know is
refused by the dependency, as the docs' example does. Route handlers answer the accepted case only.
"""
import os

from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.responses import FileResponse
from fastapi.security import APIKeyHeader, HTTPBasic, HTTPBasicCredentials

API_KEYS = {os.environ["AUTHLENS_API_KEY"]}
PAGES = os.path.join(os.environ["AUTHLENS_LAB_DIR"], "pages")

app = FastAPI()
api_key_header = APIKeyHeader(name="X-API-Key")


def valid_api_key(key: str = Security(api_key_header)) -> str:
    if key not in API_KEYS:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Could not validate credentials")
    return key


@app.get("/api/items")
def items(key: str = Depends(valid_api_key)):
    return {"items": ["a", "b"]}


@app.get("/pages/{name}")
def pages(name: str):
    return FileResponse(os.path.join(PAGES, os.path.basename(name)))
